"""Every write of the publicity app that carries a rule."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Commendation, Correspondent, Outlet, Placement, Story

EXCELLENT_CORRESPONDENT = Commendation._meta.get_field("title").default


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


def placement_create(
    *,
    story: Story,
    outlet: Outlet,
    published_on: date,
    where: str = "",
    reposted_by_provincial: bool = False,
    reposted_by_headquarters: bool = False,
) -> Placement:
    placement = Placement(
        story=story, outlet=outlet, published_on=published_on, where=where.strip(),
        reposted_by_provincial=reposted_by_provincial, reposted_by_headquarters=reposted_by_headquarters,
    )
    placement.full_clean()
    placement.save()
    return placement


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
    if meeting_on is not None and meeting_on.year < year:
        raise ValidationError(
            {"meeting_on": _("Correspondents of %(year)s are commended at a meeting in %(year)s or later.")
             % {"year": year}}, code="meeting_too_early",
        )
    created = []
    with transaction.atomic():
        held = set(
            Commendation.objects.filter(year=year, title=title, correspondent__in=correspondents)
            .values_list("correspondent_id", flat=True)
        )
        for correspondent in correspondents:
            if correspondent.pk in held:
                continue
            commendation = Commendation(year=year, correspondent=correspondent, title=title, meeting_on=meeting_on)
            commendation.full_clean()
            commendation.save()
            created.append(commendation)
    return created
