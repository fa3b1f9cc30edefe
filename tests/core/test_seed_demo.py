"""The demo command: never on a production portal, one login per role, safe to run again."""

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
