import time
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import IntegrityError

from redcross import models
from redcross.models import PROFILE_CACHE_KEY, PROFILE_MEMO_SECONDS, BranchProfile

CHANGE_URL = "/admin/redcross/branchprofile/1/change/"


def profile_form(**values):
    data = {
        "name": "海安市红十字会", "short_name": "海安红会", "name_en": "Hai'an Red Cross Society",
        "address": "海安市长江中路 1 号", "phone": "0513-88881234", "email": "", "wechat_name": "海安红十字救援队",
        "icp_number": "苏ICP备12345678号-1", "code": "HA",
    }
    return {**data, **values}


def test_there_is_exactly_one_profile(db):
    BranchProfile.load()
    with pytest.raises(IntegrityError):
        BranchProfile.objects.bulk_create([BranchProfile(id=2)])


def test_the_admin_list_opens_the_one_profile_and_offers_no_add_or_delete(admin_client):
    response = admin_client.get("/admin/redcross/branchprofile/")
    assert response.status_code == 302
    assert response["Location"] == CHANGE_URL
    assert admin_client.get("/admin/redcross/branchprofile/add/").status_code == 403
    assert admin_client.get("/admin/redcross/branchprofile/1/delete/").status_code == 403


def test_publicity_staff_edit_the_profile_and_the_public_shell_shows_it(client, publicity_officer):
    client.force_login(publicity_officer)
    response = client.post(CHANGE_URL, profile_form())
    assert response.status_code == 302

    page = client.get("/").content.decode()
    assert "海安市红十字会" in page
    assert "海安市长江中路 1 号" in page
    assert "0513-88881234" in page
    assert "苏ICP备12345678号-1" in page
    assert "Hai&#x27;an Red Cross Society" in client.get("/en/").content.decode()


def test_a_wrong_phone_number_is_refused_and_nothing_changes(client, publicity_officer):
    client.force_login(publicity_officer)
    before = BranchProfile.load().phone
    response = client.post(CHANGE_URL, profile_form(phone="call us"))
    assert response.status_code == 200
    assert "请输入手机号码或固定电话" in response.content.decode()
    assert BranchProfile.objects.get().phone == before


def test_each_change_is_kept_in_the_history_with_who_made_it(client, publicity_officer):
    client.force_login(publicity_officer)
    client.post(CHANGE_URL, profile_form())
    client.post(CHANGE_URL, profile_form(phone="0513-88885678"))

    history = BranchProfile.history.order_by("history_date")
    assert [entry.phone for entry in history][-2:] == ["0513-88881234", "0513-88885678"]
    assert history.last().history_user == publicity_officer
    page = client.get("/admin/redcross/branchprofile/1/history/").content.decode()
    assert publicity_officer.username in page


def test_a_change_to_the_profile_read_stays_with_its_reader(db):
    profile = BranchProfile.load()
    profile.short_name = "改了没存"

    assert BranchProfile.load().short_name != "改了没存"


def test_a_change_saved_by_another_process_is_read_within_a_second(db, monkeypatch):
    assert BranchProfile.load().phone != "0513-88880000"
    BranchProfile.objects.filter(pk=BranchProfile.SINGLETON_ID).update(phone="0513-88880000")
    cache.delete(PROFILE_CACHE_KEY)  # what the other process's save does here

    a_second_later = time.monotonic() + PROFILE_MEMO_SECONDS
    monkeypatch.setattr(models, "time", SimpleNamespace(monotonic=lambda: a_second_later))
    assert BranchProfile.load().phone == "0513-88880000"


def test_a_page_rendered_under_a_new_content_version_shows_the_profile_as_it_is_now(db, monkeypatch):
    from redcross import pagecache

    pagecache.content_version()
    assert BranchProfile.load().phone != "0513-88880001"
    # Another process saves the profile: the row, its cached copy gone, a new content version.
    BranchProfile.objects.filter(pk=BranchProfile.SINGLETON_ID).update(phone="0513-88880001")
    cache.delete(PROFILE_CACHE_KEY)
    cache.incr(pagecache.VERSION_KEY)

    a_second_later = time.monotonic() + pagecache.VERSION_MEMO_SECONDS
    monkeypatch.setattr(pagecache, "time", SimpleNamespace(monotonic=lambda: a_second_later))
    pagecache.content_version()  # this process sees the new version before its profile's second is up
    assert BranchProfile.load().phone == "0513-88880001"
