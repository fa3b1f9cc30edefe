"""The publicity staff's screens, by subject: correspondents, stories and their placements, scoring and the
leaderboard, WeChat, news.

Each admin is configuration plus calls into `publicity.services` (every add, change and delete, from forms,
inlines and actions alike) and `publicity.selectors` (what its pages show).
"""

from . import correspondents, news, placements, scoring, wechat  # noqa: F401  (each module registers its admins)
