"""Every write of the publicity app, whoever makes it: the admin's forms, inlines and actions, the leaderboard's
commendation and the quick entry of placements all call these.

Each one checks its record as a whole (`full_clean`) and the rules the model cannot hold, and refuses with a
`ValidationError` a person can act on. A form may ask the same rule beforehand (`commendation_check`,
`article_body_check`, `scoring_rules_check`) so that staff see the refusal next to the field and keep what
they typed.
"""

from collections.abc import Iterable
from datetime import date
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from redcross.sanitize import unsafe_parts

from .models import (
    AppointmentBatch,
    Article,
    ArticleImage,
    Commendation,
    Correspondent,
    Outlet,
    Placement,
    ScoringRule,
    ScoringScheme,
    Story,
    WeChatAccount,
    WeChatMonth,
    WeChatPost,
    WeChatRanking,
)

EXCELLENT_CORRESPONDENT = Commendation._meta.get_field("title").default
Record = TypeVar("Record", bound=models.Model)


def _checked_save(record: Record) -> Record:
    record.full_clean()
    record.save()
    return record


# Correspondents and their appointment


def appointment_batch_save(*, batch: AppointmentBatch) -> AppointmentBatch:
    return _checked_save(batch)


def appointment_date(*, appointed_on: date | None, batch: AppointmentBatch | None) -> date | None:
    """A correspondent appointed at a meeting is appointed on the meeting's date unless another is given."""
    if appointed_on is None and batch is not None:
        return batch.date
    return appointed_on


def correspondent_save(*, correspondent: Correspondent) -> Correspondent:
    """Adds or changes a correspondent."""
    correspondent.appointed_on = appointment_date(appointed_on=correspondent.appointed_on, batch=correspondent.batch)
    return _checked_save(correspondent)


def correspondent_delete(*, correspondent: Correspondent) -> None:
    correspondent.delete()


# Outlets, stories and placements


def outlet_save(*, outlet: Outlet) -> Outlet:
    return _checked_save(outlet)


def story_save(*, story: Story, correspondents: Iterable[Correspondent] | None = None) -> Story:
    """Adds or changes a story; its correspondents are set when given."""
    with transaction.atomic():
        _checked_save(story)
        if correspondents is not None:
            story.correspondents.set(correspondents)
    return story


def story_by_title(title: str) -> Story:
    """The one story with exactly this title, for staff who type the title rather than pick it from the list."""
    title = (title or "").strip()
    if not title:
        raise ValidationError({"story": _("Choose the story, or type its title.")}, code="required")
    stories = list(Story.objects.filter(title=title)[:2])
    if not stories:
        raise ValidationError(
            {"story_title": _("No story is titled “%(title)s”. Choose it from the list, or add the story first.")
             % {"title": title}}, code="unknown_story",
        )
    if len(stories) > 1:
        raise ValidationError(
            {"story_title": _("Several stories are titled “%(title)s”: choose the right one from the list.")
             % {"title": title}}, code="ambiguous_story",
        )
    return stories[0]


def placement_save(*, placement: Placement) -> Placement:
    """Adds or changes a placement: the one door for a placement row, from every form."""
    placement.where = placement.where.strip()
    return _checked_save(placement)


def placement_create(
    *,
    story: Story,
    outlet: Outlet,
    published_on: date,
    where: str = "",
    reposted_by_provincial: bool = False,
    reposted_by_headquarters: bool = False,
) -> Placement:
    return placement_save(placement=Placement(
        story=story, outlet=outlet, published_on=published_on, where=where,
        reposted_by_provincial=reposted_by_provincial, reposted_by_headquarters=reposted_by_headquarters,
    ))


def placement_quick_add(
    *,
    story: Story | None = None,
    story_title: str = "",
    outlet: Outlet,
    published_on: date,
    where: str = "",
    reposted_by_provincial: bool = False,
    reposted_by_headquarters: bool = False,
) -> Placement:
    """One placement entered in one row: the story is the one chosen, or else the one with the typed title."""
    return placement_create(
        story=story or story_by_title(story_title), outlet=outlet, published_on=published_on, where=where,
        reposted_by_provincial=reposted_by_provincial, reposted_by_headquarters=reposted_by_headquarters,
    )


def placement_delete(*, placement: Placement) -> None:
    placement.delete()


# Scoring and commendations


def scoring_scheme_save(*, scheme: ScoringScheme) -> ScoringScheme:
    return _checked_save(scheme)


def scoring_rules_check(rules: Iterable[ScoringRule]) -> None:
    """One rule per outlet level and kind of story, said plainly rather than as a database error."""
    seen = set()
    for rule in rules:
        if (rule.level, rule.story_kind) in seen:
            raise ValidationError(
                _("There are two rules for %(level)s and %(kind)s: keep one of them."),
                params={"level": rule.get_level_display(),
                        "kind": rule.get_story_kind_display() if rule.story_kind else _("any kind of story")},
                code="duplicate_rule",
            )
        seen.add((rule.level, rule.story_kind))


def scoring_rules_save(
    *, scheme: ScoringScheme, rules: Iterable[ScoringRule], removed: Iterable[ScoringRule] = ()
) -> None:
    """Adds or changes `rules` of a scheme and removes `removed`, as long as each level and kind keeps one rule."""
    rules, removed = list(rules), list(removed)
    with transaction.atomic():
        written = [rule.pk for rule in [*rules, *removed] if rule.pk]
        kept = scheme.rules.exclude(pk__in=written)
        scoring_rules_check([*kept, *rules])
        for rule in removed:
            rule.delete()
        for rule in rules:
            rule.scheme = scheme
            _checked_save(rule)


def commendation_check(*, year: int, meeting_on: date | None) -> None:
    """The correspondents of a year are commended once the year has begun: at a meeting of that year or later."""
    if year is not None and meeting_on is not None and meeting_on.year < year:
        raise ValidationError(
            {"meeting_on": _("Correspondents of %(year)s are commended at a meeting in %(year)s or later.")
             % {"year": year}}, code="meeting_too_early",
        )


def commendation_save(*, commendation: Commendation) -> Commendation:
    """Adds or changes one commendation, by the rule of `commendations_create`."""
    commendation_check(year=commendation.year, meeting_on=commendation.meeting_on)
    return _checked_save(commendation)


def commendations_create(
    *,
    year: int,
    correspondents: Iterable[Correspondent],
    meeting_on: date | None = None,
    title: str = EXCELLENT_CORRESPONDENT,
) -> list[Commendation]:
    """Commend each correspondent for `year`; one who already holds the title for that year is left as is.

    Returns the commendations created.
    """
    correspondents = list(correspondents)
    if not correspondents:
        raise ValidationError(_("Choose at least one correspondent to commend."), code="none_chosen")
    commendation_check(year=year, meeting_on=meeting_on)
    created = []
    with transaction.atomic():
        held = set(
            Commendation.objects.filter(year=year, title=title, correspondent__in=correspondents)
            .values_list("correspondent_id", flat=True)
        )
        for correspondent in correspondents:
            if correspondent.pk in held:
                continue
            created.append(commendation_save(commendation=Commendation(
                year=year, correspondent=correspondent, title=title, meeting_on=meeting_on,
            )))
    return created


# WeChat (the spreadsheets of the WeChat backend are imported by `resources`)


def wechat_account_save(*, account: WeChatAccount) -> WeChatAccount:
    return _checked_save(account)


def wechat_post_save(*, post: WeChatPost) -> WeChatPost:
    return _checked_save(post)


def wechat_month_save(*, month: WeChatMonth) -> WeChatMonth:
    return _checked_save(month)


def wechat_ranking_save(*, ranking: WeChatRanking) -> WeChatRanking:
    return _checked_save(ranking)


# News


def article_body_check(body: str) -> None:
    """Refuses a body holding code that could run in readers' browsers, rather than dropping it unseen.

    What remains is kept to harmless HTML when the article is stored (`redcross.sanitize.clean_html`).
    """
    if found := unsafe_parts(body):
        raise ValidationError(
            _("The body holds code that could run in readers' browsers (%(found)s): remove it and save again."),
            params={"found": "、".join(found)}, code="unsafe_html",
        )


def article_save(*, article: Article, by=None) -> Article:
    """Adds or changes a news article; a new one records the staff member who wrote it (`by`)."""
    try:
        article_body_check(article.body)
    except ValidationError as error:
        raise ValidationError({"body": error}) from None
    if article.pk is None and by is not None:
        article.created_by = by
    return _checked_save(article)


def article_image_save(*, image: ArticleImage) -> ArticleImage:
    return _checked_save(image)


def article_image_delete(*, image: ArticleImage) -> None:
    image.delete()
