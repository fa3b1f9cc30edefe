"""An English word with several meanings here gets one Chinese translation per context, never one for all.

"volunteers" is a headcount (志愿者人数), a news category (志愿服务) and a session's audience (志愿者); one bare msgid
would show one of them everywhere. So each use of such a word says its meaning with `pgettext_lazy("<context>", …)`
or `{% translate "…" context "…" %}`, except in the files reviewed below, where the bare msgid's translation is right.
"""

import ast
import re
from pathlib import Path

import pytest

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
WECHAT, PEOPLE = "publicity/models/wechat.py", "publicity/models/people.py"
TRAINING = ("training/models/bases.py", "training/models/courses.py", "training/models/people.py")
PLACES, FUNDED, ACTIVITIES = "projects/models/places.py", "projects/models/funded.py", "projects/models/activities.py"
POSITIONS = "projects/models/positions.py"
# Reviewed: msgid with more than one meaning → the files where its bare (context-free) translation is right.
AMBIGUOUS = {
    "volunteers": set(), "from": set(), "to": set(), "failed": set(), "cancelled": set(), "closed": set(),
    "open": set(), "people": set(),  # report units: 人次 (person-times) or 人 (persons)
    "name": {PLACES, POSITIONS, "projects/resources.py", PEOPLE, WECHAT, "redcross/models.py", *TRAINING},
    "title": {ACTIVITIES, FUNDED, POSITIONS, "projects/resources.py", PEOPLE, WECHAT,
              "publicity/admin/correspondents.py", "publicity/models/news.py", "training/admin/sessions.py", *TRAINING},
    "points": {PEOPLE}, "article": {WECHAT}, "opened on": {PLACES, "projects/resources.py"},
    "confirmed": {*TRAINING}, "attended": {*TRAINING, "training/admin/registrations.py"}, "held": {*TRAINING},
    "full": {*TRAINING, "templates/training/base_list.html"}, "active": {PEOPLE, *TRAINING}, "level": {PEOPLE},
    "order": {ACTIVITIES, PLACES, POSITIONS}, "text": {PEOPLE}, "month": {"publicity/admin/wechat.py", WECHAT},
    "state": {"training/admin/people.py"},
    # Names of records that a report also uses as its figures' units (小时, 期, 本 …): the reports give a context.
    "hours": {*TRAINING}, "sessions": {*TRAINING}, "certificates": {*TRAINING}, "visits": {*TRAINING},
    "seats": {*TRAINING}, "reads": {WECHAT}, "projects": {FUNDED}, "activities": {ACTIVITIES},
    "sites": {FUNDED, PLACES}, "facilities": {"projects/admin/places.py", PLACES},
    "placements": {PEOPLE, "publicity/admin/correspondents.py", "publicity/admin/placements.py",
                   "publicity/resources.py"},
}


def entries(po: str):
    """(msgctxt or None, msgid, files referring to it) of each entry of a .po text."""
    for block in po.split("\n\n"):
        refs, fields, key = [], {}, None
        for line in block.splitlines():
            if line.startswith("#:"):
                refs += line[2:].split()
            elif match := re.match(r'(msgctxt|msgid) (".*")$', line):
                key, fields[match[1]] = match[1], ast.literal_eval(match[2])
            elif line.startswith('"') and key:
                fields[key] += ast.literal_eval(line)
            else:
                key = None
        if fields.get("msgid"):
            yield fields.get("msgctxt"), fields["msgid"], {ref.rsplit(":", 1)[0] for ref in refs}


def unreviewed(po: str) -> list[tuple[str, str]]:
    """(msgid, file) of each use of an ambiguous msgid without a context outside its reviewed files."""
    return sorted((msgid, file) for context, msgid, files in entries(po) if context is None and msgid in AMBIGUOUS
                  for file in files - AMBIGUOUS[msgid])


def test_ambiguous_words_say_their_meaning_outside_the_reviewed_places():
    assert unreviewed(CATALOGUE.read_text(encoding="utf-8")) == [], "give these a context (pgettext_lazy)"


def test_the_parser_reads_the_contexts_of_the_catalogue():
    found = {(context, msgid) for context, msgid, _files in entries(CATALOGUE.read_text(encoding="utf-8"))}
    assert {("session status", "cancelled"), ("registration status", "cancelled"), (None, "kind")} <= found


@pytest.mark.parametrize(("po", "expected"), [
    ('#: a.py b.py\nmsgid "from"\nmsgstr "原状态"', [("from", "a.py"), ("from", "b.py")]),
    ('#: a.py b.py\nmsgctxt "status change"\nmsgid "from"\nmsgstr "原状态"', []),
    ('#: training/models/courses.py\nmsgid "hours"\nmsgstr ""\n"学时"', []),
    ('#: training/models/courses.py:12 redcross/reports/figures.py:60\nmsgid "hours"\nmsgstr "学时"',
     [("hours", "redcross/reports/figures.py")]),
    ('#: publicity/models/news.py\nmsgid ""\n"art"\n"icle"\nmsgstr "图文"', [("article", "publicity/models/news.py")]),
    ('#: a.py b.py\nmsgid "date"\nmsgstr "日期"\n\n#: a.py\nmsgid "failed"\nmsgid_plural "failed"\nmsgstr[0] ""',
     [("failed", "a.py")]),
])
def test_a_bare_ambiguous_msgid_outside_its_reviewed_places_is_reported(po, expected):
    assert unreviewed(po) == expected
