"""The admin shows each role only links it may follow: none of them answers 403 (or breaks)."""

import re
from html import unescape

import pytest

ADMIN_LINK = re.compile(r'href="(/admin/[^"#]*)"')


def shape(url: str) -> str:
    """Permissions are granted per model, not per record: one record's page stands for all of its kind."""
    return re.sub(r"/\d+/", "/N/", url.split("?")[0])


@pytest.mark.parametrize("role", ["projects_officer", "training_officer", "publicity_officer", "leader"])
def test_no_link_a_role_is_shown_answers_forbidden(client, demo, role, request):
    client.force_login(request.getfixturevalue(role))
    client.raise_request_exception = False
    visited, broken = set(), []
    frontier = [("/admin/", None)]
    for _depth in range(5):
        next_frontier = []
        for url, found_on in frontier:
            if shape(url) in visited or url.endswith("/logout/"):
                continue
            visited.add(shape(url))
            response = client.get(url)
            if response.status_code in (403, 404, 500):
                broken.append(f"{url} answers {response.status_code} (linked from {found_on})")
                continue
            if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                next_frontier += [(unescape(link), url) for link in ADMIN_LINK.findall(response.content.decode())]
        frontier = next_frontier
    assert len(visited) > 10
    assert not broken, "\n".join(broken)
