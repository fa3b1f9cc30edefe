"""Staff see who was told what and when, mobile numbers masked; the training manager sends a message again,
leadership only reads."""

import pytest
from django.contrib.auth.models import Group
from django.utils import translation

from redcross.models import TextMessage
from redcross.sms.backends import LocmemBackend
from redcross.sms.outbox import text_queue
from tests.training.factories import SessionFactory, at, masked_mobile, mobile
from training import services
from training.services import SignUp

pytestmark = pytest.mark.django_db
SESSIONS = "/admin/training/session/"
TEXTS = "/admin/redcross/textmessage/"
Kind = TextMessage.Kind


@pytest.fixture
def sent(settings):
    settings.SMS_SEND_INLINE = True
    settings.SMS_BACKEND = "redcross.sms.backends.LocmemBackend"
    settings.PUBLIC_BASE_URL = "https://redcross.example.cn"
    LocmemBackend.outbox.clear()
    yield LocmemBackend.outbox
    LocmemBackend.outbox.clear()


@pytest.fixture
def session(sent, django_capture_on_commit_callbacks):
    """A session with one seat: 市民1 confirmed, 市民2 waiting, both told (sent)."""
    session = SessionFactory(title="市民应急救护公益课", seats=1, starts_at=at("2099-12-20 09:00"),
                             ends_at=at("2099-12-20 12:00"))
    with django_capture_on_commit_callbacks(execute=True):
        for n in (1, 2):
            services.registration_create(session=session, person=SignUp(name=f"市民{n}", mobile=mobile(n)),
                                         consent=True)
    return session


def page(client, session) -> str:
    response = client.get(f"{SESSIONS}{session.pk}/change/")
    assert response.status_code == 200
    return response.content.decode()


def resend_url(session, message) -> str:
    return f"{SESSIONS}{session.pk}/messages/{message.pk}/resend/"


def test_the_session_page_lists_who_was_told_what_with_masked_mobiles(client, training_officer, session):
    client.force_login(training_officer)
    html = page(client, session)

    confirmed, waiting = TextMessage.objects.order_by("pk")
    with translation.override("zh-hans"):
        kinds = (confirmed.get_kind_display(), waiting.get_kind_display(), confirmed.get_status_display())
    for words in (*kinds, "市民1", "市民2", masked_mobile(mobile(1)), masked_mobile(mobile(2)), "OK"):
        assert words in html
    assert mobile(1) not in html and mobile(2) not in html
    assert f'formaction="{resend_url(session, confirmed)}"' in html
    assert f'formaction="{resend_url(session, waiting)}"' in html


def test_the_training_manager_sends_a_message_again_as_a_new_message(client, training_officer, session, sent,
                                                                     django_capture_on_commit_callbacks):
    client.force_login(training_officer)
    first = TextMessage.objects.get(kind=Kind.SIGNUP_WAITING)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(resend_url(session, first))

    assert response.status_code == 302 and response["Location"] == f"{SESSIONS}{session.pk}/change/"
    again = TextMessage.objects.get(resent_from=first)
    assert (again.kind, again.mobile, again.text, again.queued_by) == (first.kind, first.mobile, first.text,
                                                                       training_officer)
    assert again.status == TextMessage.Status.SENT and sent[-1].text == first.text
    assert client.get(resend_url(session, first)).status_code == 405  # a GET changes nothing
    assert TextMessage.objects.filter(resent_from=first).count() == 1


def test_a_message_of_another_session_or_not_yet_answered_is_not_sent_again(client, training_officer, session):
    client.force_login(training_officer)
    other = SessionFactory()
    answered = TextMessage.objects.first()
    assert client.post(resend_url(other, answered)).status_code == 404

    # Queued in this test's transaction, which never commits: waiting to be sent.
    message = text_queue(key="reminder:waiting", kind=Kind.REMINDER, mobile=mobile(1), body="明天见",
                         about=session.registrations.get(trainee__name="市民1"))
    assert message.status == TextMessage.Status.PENDING
    assert f'formaction="{resend_url(session, message)}"' not in page(client, session)
    client.post(resend_url(session, message))
    assert not TextMessage.objects.filter(resent_from=message).exists()


def test_leadership_sees_the_messages_but_cannot_send_them_again(client, leader, session):
    client.force_login(leader)
    html = page(client, session)
    assert masked_mobile(mobile(1)) in html and "formaction" not in html

    message = TextMessage.objects.first()
    assert client.post(resend_url(session, message)).status_code == 403
    response = client.post(TEXTS, {"action": "resend", "_selected_action": [message.pk], "index": "0"})
    assert response.status_code in (200, 302)
    assert not TextMessage.objects.filter(resent_from__isnull=False).exists()

    listing = client.get(TEXTS)
    assert listing.status_code == 200 and masked_mobile(mobile(1)) in listing.content.decode()
    assert 'value="resend"' not in listing.content.decode()
    assert client.get(f"{TEXTS}add/").status_code == 403


def test_the_list_of_text_messages_resends_for_the_training_manager(client, training_officer, session):
    client.force_login(training_officer)
    listing = client.get(TEXTS)
    assert listing.status_code == 200
    html = listing.content.decode()
    assert masked_mobile(mobile(2)) in html and mobile(2) not in html and 'value="resend"' in html

    messages = list(TextMessage.objects.all())
    client.post(TEXTS, {"action": "resend", "_selected_action": [message.pk for message in messages], "index": "0"})
    assert TextMessage.objects.filter(resent_from__in=messages).count() == 2
    assert client.get(f"{TEXTS}{messages[0].pk}/delete/").status_code == 403


def test_a_one_time_code_and_a_sign_ups_link_are_never_shown_whole(client, training_officer, session):
    code = text_queue(key="login:test", kind=Kind.LOGIN_CODE, mobile=mobile(3),
                      body="您的验证码是 482913，5分钟内有效。", params={"code": "482913"})
    link = "https://redcross.example.cn/training/registrations/Ng:1xXXFL:MBkQn8pAwG2OYjqMR/"
    reminder = text_queue(key="reminder:test", kind=Kind.REMINDER, mobile=mobile(1), body=f"明天上课。报名详情：{link}",
                          params={"link": link})
    client.force_login(training_officer)

    shown = client.get(f"{TEXTS}{code.pk}/change/").content.decode()
    assert "482913" not in shown and "验证码" in shown and masked_mobile(mobile(3)) in shown
    shown = client.get(f"{TEXTS}{reminder.pk}/change/").content.decode()
    assert "MBkQn8pAwG2OYjqMR" not in shown and "https://redcross.example.cn/training/registrations/…" in shown


def test_the_training_manager_may_resend_and_leadership_only_read(training_officer, leader):
    assert training_officer.has_perms(["redcross.view_textmessage", "redcross.change_textmessage"])
    assert leader.has_perm("redcross.view_textmessage") and not leader.has_perm("redcross.change_textmessage")
    assert not Group.objects.get(name="领导").permissions.filter(codename__in=[
        "add_textmessage", "change_textmessage", "delete_textmessage"]).exists()


def test_a_message_that_no_longer_says_what_is_so_is_not_sent_again(client, training_officer, session,
                                                                    django_capture_on_commit_callbacks):
    client.force_login(training_officer)
    waiting_told = TextMessage.objects.get(kind=Kind.SIGNUP_WAITING)
    first_told = TextMessage.objects.get(kind=Kind.SIGNUP_CONFIRMED)
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=session.registrations.get(trainee__name="市民1"))

    for message in (waiting_told, first_told):  # 市民2 moved up since; 市民1 cancelled
        with django_capture_on_commit_callbacks(execute=True):
            client.post(resend_url(session, message))
        assert not TextMessage.objects.filter(resent_from=message).exists()
    promoted = TextMessage.objects.get(kind=Kind.PROMOTED)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(resend_url(session, promoted))
    assert TextMessage.objects.filter(resent_from=promoted).count() == 1
