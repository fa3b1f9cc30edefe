"""Clients logged in as the projects' staff and as leadership, for the admin's tests."""

import pytest


@pytest.fixture
def officer_client(client, projects_officer):
    client.force_login(projects_officer)
    return client


@pytest.fixture
def leader_client(client, leader):
    client.force_login(leader)
    return client
