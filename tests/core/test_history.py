"""A record's history page tells what happened in words, and leads the person reading it nowhere forbidden."""

import re
from html import unescape

import pytest
from django.urls import reverse

from tests.projects.factories import SiteFactory


def cells(page: str, css_class: str) -> list[str]:
    """The text of each table cell of the history list with that class, tags and spacing removed."""
    found = re.findall(rf'<td class="{css_class}">(.*?)</td>', page, re.DOTALL)
    return [" ".join(unescape(re.sub(r"<[^>]+>", " ", cell)).split()) for cell in found]


@pytest.fixture
def site_edited_once(projects_officer):
    site = SiteFactory(description="", published=True)
    site.description = "新建的博爱家园"
    site.published = False
    site._history_user = projects_officer
    site.save()
    return site


def history_url(site) -> str:
    return reverse("admin:projects_site_history", args=[site.pk])


def test_an_empty_change_reason_shows_nothing(client, projects_officer, site_edited_once):
    client.force_login(projects_officer)
    page = client.get(history_url(site_edited_once)).content.decode()
    reasons = cells(page, "history-change-reason")
    assert reasons == ["", ""]
    assert "None" not in page


def test_the_changer_is_plain_text_for_staff_who_may_not_open_accounts(client, projects_officer, site_edited_once):
    client.force_login(projects_officer)
    response = client.get(history_url(site_edited_once))
    assert response.status_code == 200
    page = response.content.decode()
    assert cells(page, "history-user")[0] == projects_officer.get_username()
    assert reverse("admin:auth_user_change", args=[projects_officer.pk]) not in page
    assert client.get(reverse("admin:auth_user_change", args=[projects_officer.pk])).status_code == 403


def test_the_changer_links_to_the_account_for_staff_who_may_open_accounts(admin_client, projects_officer,
                                                                           site_edited_once):
    page = admin_client.get(history_url(site_edited_once)).content.decode()
    assert f'href="{reverse("admin:auth_user_change", args=[projects_officer.pk])}"' in page


def test_before_and_after_read_as_words(client, projects_officer, site_edited_once):
    client.force_login(projects_officer)
    page = client.get(history_url(site_edited_once)).content.decode()
    changes = " ".join(" ".join(unescape(re.sub(r"<[^>]+>", " ", item)).split())
                       for item in re.findall(r"<li>(.*?)</li>", page, re.DOTALL))
    assert "（空） → 新建的博爱家园" in changes
    assert "是 → 否" in changes
    assert "True" not in changes and "False" not in changes


def test_no_link_on_the_history_page_answers_forbidden(client, projects_officer, site_edited_once):
    client.force_login(projects_officer)
    page = client.get(history_url(site_edited_once)).content.decode()
    links = {unescape(link) for link in re.findall(r'href="(/admin/[^"]*)"', page)}
    assert links
    forbidden = [link for link in sorted(links) if client.get(link).status_code == 403]
    assert not forbidden, forbidden
