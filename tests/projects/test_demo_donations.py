"""The demo city's donations: last year's and this one's, of every kind, used for projects, relief and general
purposes and never beyond the gift; every project line of public donations made by exactly one use of a gift, so
that the money the site pages show is the money the project tables state."""

from collections import Counter
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from projects import demo as projects_demo
from projects.demo_data import PROJECT_GIFTS, PROJECTS
from projects.models import Allocation, Donation, FundingLine, Site
from redcross.choices import FundingSource
from redcross.demo import day


def stated_fundings() -> Counter:
    """The projects' money received as the demo's tables state it."""
    return Counter((title, source, Decimal(amount), day(received))
                   for title, _kind, _year, _funding, _sites, _budget, fundings, *_rest in PROJECTS
                   for source, amount, received in fundings)


def test_last_year_and_this_year_have_gifts_each_month_up_to_today(demo):
    today = timezone.localdate()
    for year in (today.year - 1, today.year):
        gifts = Donation.objects.filter(received_on__year=year)
        assert gifts.count() >= 3, year
        assert not gifts.filter(received_on__gt=today).exists()
    assert Donation.objects.filter(received_on__year=today.year - 1).count() >= 15
    assert not Allocation.objects.filter(allocated_on__gt=today).exists()


def test_every_kind_of_gift_donor_name_direction_and_use_is_there(demo):
    gifts = Donation.objects.all()
    for field, choices in (("kind", Donation.Kind), ("channel", Donation.Channel), ("donor_kind", Donation.DonorKind),
                           ("publish_name", Donation.PublishName), ("direction", Donation.Direction)):
        assert set(gifts.values_list(field, flat=True)) == set(choices.values), field
    assert gifts.filter(anonymous=True, donor_name="").exists() and gifts.filter(anonymous=False).exists()
    assert not gifts.filter(publish_name="full", consent_on__isnull=True).exists()
    assert set(Allocation.objects.values_list("target", flat=True)) == set(Allocation.Target.values)
    used = Donation.objects.with_use()
    for kind in Donation.Kind.values:
        assert used.filter(kind=kind, remaining__gt=0).exists(), kind
        assert used.filter(kind=kind, remaining=0).exists(), kind
    assert used.filter(allocated=0).exists()


def test_every_project_line_of_public_donations_is_one_use_of_a_gift_and_says_what_it_says(demo):
    lines = FundingLine.objects.filter(source=FundingSource.DONATION).select_related("allocation__donation")
    assert lines.count() == len(PROJECT_GIFTS)
    for line in lines:
        use = Allocation.objects.filter(funding_line=line).get()
        assert (use.project_id, use.value, use.allocated_on) == (line.project_id, line.amount, line.received_on)
        assert use.target == Allocation.Target.PROJECT
        assert use.donation.received_on <= use.allocated_on
    assert not Allocation.objects.filter(target="project", funding_line__isnull=True).exists()
    assert Allocation.objects.filter(target="project", donation__kind="goods").exists()


def test_no_gift_is_used_beyond_what_it_gave(demo):
    used = Donation.objects.with_use()
    assert not used.filter(Q(remaining__lt=0) | Q(remaining_value__lt=0)).exists()
    assert used.filter(remaining__gt=0).exists()


def test_the_money_the_site_pages_show_is_what_the_project_tables_state(demo):
    stated = stated_fundings()
    assert Counter(FundingLine.objects.values_list("project__title", "source", "amount", "received_on")) == stated
    for site in Site.objects.filter(projects__fundings__source=FundingSource.DONATION).distinct():
        titles = set(site.projects.values_list("title", flat=True))
        received = sum(FundingLine.objects.filter(project__sites=site).values_list("amount", flat=True), Decimal(0))
        assert received == sum((line[2] for line in stated.elements() if line[0] in titles), Decimal(0)), site


def test_the_finance_office_recorded_the_gifts_and_seeding_again_adds_none(demo):
    assert set(Donation.objects.values_list("created_by__username", flat=True)) == {"demo-finance"}
    models = (Donation, Allocation, FundingLine)
    counts = [model.objects.count() for model in models]
    projects_demo.seed()
    assert [model.objects.count() for model in models] == counts
