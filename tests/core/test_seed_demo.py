import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from redcross.demo import DEMO_ACCOUNTS, DEMO_PASSWORD


def test_seed_demo_refuses_to_run_on_a_production_portal(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("seed_demo")
    assert not get_user_model().objects.filter(username__startswith="demo-").exists()


def test_seed_demo_creates_one_login_per_role_and_can_run_twice(db, settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    users = get_user_model().objects.filter(username__startswith="demo-")
    assert users.count() == len(DEMO_ACCOUNTS)
    for username, _title, role in DEMO_ACCOUNTS:
        user = users.get(username=username)
        assert user.is_staff and user.check_password(DEMO_PASSWORD)
        assert list(user.groups.values_list("name", flat=True)) == ([role.name] if role else [])
    out = capsys.readouterr().out
    assert "demo-leader" in out and DEMO_PASSWORD in out


def test_seed_demo_builds_a_believable_city_once_and_scales(db, settings):
    from projects.models import Activity, Project, Site

    settings.DEBUG = True
    call_command("seed_demo")
    counts = (Site.objects.count(), Project.objects.count(), Activity.objects.count())
    call_command("seed_demo")
    assert (Site.objects.count(), Project.objects.count(), Activity.objects.count()) == counts
    assert Project.objects.filter(status="completed", fundings__source="provincial").exists()
    assert set(Site.objects.values_list("name", flat=True)) >= {"东湖社区", "西园社区"}

    call_command("seed_demo", scale=2)
    assert Site.objects.count() == counts[0] * 2
    assert Activity.objects.count() == counts[2] * 2


def test_seed_demo_gives_every_front_the_figures_of_the_source_report(db, settings):
    import datetime as dt

    from publicity.summary import summary as publicity_summary
    from training.models import Base, Certificate

    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    placements = publicity_summary(dt.date(2019, 1, 1), dt.date.today())["placements"]
    assert placements["by_level"]["national"] == 24
    assert placements["research_articles"] == 2
    assert placements["by_level"]["provincial"] + placements["by_level"]["prefecture"] == 15
    assert placements["by_level"]["local"] == 71
    assert sorted(Base.objects.values_list("position", flat=True)) == ["centre", "east", "north", "south", "west"]
    assert Certificate.objects.filter(expires_on__lt=dt.date.today()).exists()
    assert Certificate.objects.filter(expires_on__gte=dt.date.today()).exists()
