"""Clients logged in as the projects' staff and as leadership; the donations of an October for the disclosure's
tests."""

import datetime as dt

import pytest

from tests.projects.donating import NOVEMBER, OCTOBER, SEPTEMBER, anonymous, consented, gift, goods, use
from tests.projects.factories import ProjectFactory, SiteFactory


@pytest.fixture
def officer_client(client, projects_officer):
    client.force_login(projects_officer)
    return client


@pytest.fixture
def leader_client(client, leader):
    client.force_login(leader)
    return client


@pytest.fixture
def school_project():
    site = SiteFactory(name="东湖社区博爱家园")
    return ProjectFactory(title="东湖社区博爱书屋", sites=[site])


@pytest.fixture
def october(school_project):
    """Gifts of September and October, and uses in October and November."""
    early = gift(SEPTEMBER, "3000.00")
    masked = gift(OCTOBER, "1200.00", direction="project", project=school_project)
    hidden = anonymous(OCTOBER, "500.00")
    named = consented(dt.date(2025, 10, 20), "2000.00")
    kits = goods(dt.date(2025, 10, 21), quantity="40", value="8000.00")
    use(early, OCTOBER, "1000.00", target="relief", description="台风受灾群众慰问", people_helped=35)
    use(masked, dt.date(2025, 10, 25), "1200.00", target="project", project=school_project)
    use(kits, dt.date(2025, 10, 28), quantity="10", target="general", description="社区急救培训")
    use(named, NOVEMBER, "800.00", target="project", project=school_project)
    return {"early": early, "masked": masked, "hidden": hidden, "named": named, "kits": kits}
