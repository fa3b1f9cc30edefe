"""Host agreements and other staff-only attachments: outside MEDIA_ROOT, served only to staff who may view them."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from projects.models import Attachment
from redcross.private import move_stored_files
from tests.projects.factories import ProjectFactory
from tests.publicity.factories import StoryFactory
from tests.training.factories import BaseFactory

pytestmark = pytest.mark.django_db
AGREEMENT = b"%PDF-1.7 signed by the host"


@pytest.fixture
def base():
    return BaseFactory(agreement_file=SimpleUploadedFile("场地使用协议.pdf", AGREEMENT))


def download(client, user, url):
    if user is not None:
        client.force_login(user)
    return client.get(url)


def test_a_host_agreement_is_stored_outside_the_public_media_folder(base):
    path = Path(base.agreement_file.path)
    assert path.is_relative_to(settings.PRIVATE_ROOT) and path.read_bytes() == AGREEMENT
    assert not Path(settings.MEDIA_ROOT).exists() or not any(Path(settings.MEDIA_ROOT).rglob("*.pdf"))
    assert base.agreement_file.url.startswith("/private/training/agreements/")


def test_a_training_officer_downloads_the_agreement(client, training_officer, base):
    response = download(client, training_officer, base.agreement_file.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == AGREEMENT
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_the_leadership_may_read_it_too(client, leader, base):
    assert download(client, leader, base.agreement_file.url).status_code == 200
    assert client.head(base.agreement_file.url).status_code == 200


@pytest.mark.parametrize("persona", [None, "projects_officer", "publicity_officer"])
def test_anyone_else_finds_nothing_there(client, request, base, persona):
    user = request.getfixturevalue(persona) if persona else None
    assert download(client, user, base.agreement_file.url).status_code == 404


def test_a_staff_member_without_the_role_finds_nothing_there(client, django_user_model, base):
    clerk = django_user_model.objects.create_user("clerk", is_staff=True)
    assert download(client, clerk, base.agreement_file.url).status_code == 404


def test_the_admin_links_the_agreement_through_the_permission_check(client, training_officer, base):
    client.force_login(training_officer)
    page = client.get(f"/admin/training/base/{base.pk}/change/").content.decode()
    assert f'href="{base.agreement_file.url}"' in page
    assert "/media/" not in base.agreement_file.url


@pytest.mark.parametrize(
    "name",
    ["training/agreements/nothing.pdf", "../private/training/agreements/x.pdf", "training/agreements/%00.pdf",
     "reports/2025/summary-year-20250101-20251231-1.pdf"],
)
def test_only_files_a_record_holds_are_served(client, leader, base, name):
    (Path(settings.PRIVATE_ROOT) / "reports" / "2025").mkdir(parents=True, exist_ok=True)
    (Path(settings.PRIVATE_ROOT) / "reports/2025/summary-year-20250101-20251231-1.pdf").write_bytes(b"%PDF")
    assert download(client, leader, f"/private/{name}").status_code == 404


def test_project_paperwork_is_for_project_staff(client, projects_officer, training_officer):
    attachment = Attachment.objects.create(
        project=ProjectFactory(), kind=Attachment.Kind.APPROVAL, file=SimpleUploadedFile("批复.pdf", b"%PDF-1.7")
    )
    assert Path(attachment.file.path).is_relative_to(settings.PRIVATE_ROOT)
    assert download(client, training_officer, attachment.file.url).status_code == 404
    assert download(client, projects_officer, attachment.file.url).status_code == 200


def test_a_submitted_manuscript_is_for_publicity_staff(client, publicity_officer, training_officer):
    story = StoryFactory()
    story.attachment.save("稿件.docx", ContentFile(b"PK\x03\x04 word"))
    assert Path(story.attachment.path).is_relative_to(settings.PRIVATE_ROOT)
    assert download(client, training_officer, story.attachment.url).status_code == 404
    assert download(client, publicity_officer, story.attachment.url).status_code == 200


def test_the_migration_moves_agreements_stored_before_out_of_the_media_folder(base):
    name = "training/agreements/old.pdf"
    old = Path(settings.MEDIA_ROOT) / name
    old.parent.mkdir(parents=True)
    old.write_bytes(AGREEMENT)
    type(base).objects.filter(pk=base.pk).update(agreement_file=name)

    move_stored_files(apps, "training", "base", "agreement_file")

    assert not old.exists()
    assert (Path(settings.PRIVATE_ROOT) / name).read_bytes() == AGREEMENT
    move_stored_files(apps, "training", "base", "agreement_file", to_private=False)
    assert old.read_bytes() == AGREEMENT
