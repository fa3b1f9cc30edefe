import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.pages import queries_for
from tests.training.factories import (
    BaseFactory,
    CertificateFactory,
    CourseFactory,
    FirstAiderCourseFactory,
    RegistrationFactory,
    SessionFactory,
    TraineeFactory,
    mobile,
    resident_id,
)
from training.models import Registration, Session, Trainee

pytestmark = pytest.mark.django_db



def form(**values):
    return {"name": "王芳", "mobile": "13800138000", "resident_id": "", "organisation": "实验小学", "consent": "on",
            **values}


def test_bases_are_listed_with_address_seats_navigation_and_upcoming_sessions(client):
    base = BaseFactory(name="气象科普园基地", address="气象路 1 号", seats=40, latitude=Decimal("32.5188"),
                       longitude=Decimal("120.4102"))
    SessionFactory(base=base, title="周末救护普及")
    SessionFactory(base=base, title="内部培训", public_signup=False)
    BaseFactory(name="未发布基地", published=False)
    page = client.get("/training/").content.decode()
    assert "气象科普园基地" in page and "气象路 1 号" in page and "40 个座位" in page
    assert "uri.amap.com/marker" in page
    assert "周末救护普及" in page and "内部培训" not in page
    assert "未发布基地" not in page


def test_bases_come_nearest_first_when_the_phone_shares_its_position(client):
    BaseFactory(name="南边基地", latitude=Decimal("32.40"), longitude=Decimal("120.45"))
    BaseFactory(name="北边基地", latitude=Decimal("32.70"), longitude=Decimal("120.45"))
    BaseFactory(name="没有位置的基地")
    page = client.get("/training/?lat=32.69&lng=120.45").content.decode()
    assert page.index("北边基地") < page.index("南边基地") < page.index("没有位置的基地")
    page = client.get("/training/?lat=32.41&lng=120.45").content.decode()
    assert page.index("南边基地") < page.index("北边基地")
    assert "公里" in page


def test_a_nonsense_position_is_ignored_with_a_message(client):
    BaseFactory(name="基地甲")
    response = client.get("/training/?lat=abc&lng=999")
    assert response.status_code == 200
    assert "位置无效" in response.content.decode()


def test_the_base_list_costs_the_same_queries_for_1_and_20_bases(client):
    SessionFactory(base=BaseFactory())
    one = queries_for(client, "/training/")
    for _ in range(19):
        base = BaseFactory()
        SessionFactory(base=base)
        SessionFactory(base=base)
    assert queries_for(client, "/training/?lat=32.5&lng=120.4") == one


def test_upcoming_sessions_filter_by_course_and_base(client):
    first_aid = FirstAiderCourseFactory()
    park = BaseFactory(name="科普园")
    SessionFactory(course=first_aid, base=park, title="救护员班")
    SessionFactory(title="普及班")
    SessionFactory(title="已结束的班", starts_at=timezone.now() - dt.timedelta(days=1),
                   ends_at=timezone.now() - dt.timedelta(hours=20))
    SessionFactory(title="已取消的班", status=Session.Status.CANCELLED)
    page = client.get("/training/sessions/").content.decode()
    assert "救护员班" in page and "普及班" in page
    assert "已结束的班" not in page and "已取消的班" not in page
    page = client.get(f"/training/sessions/?course={first_aid.pk}").content.decode()
    assert "救护员班" in page and "普及班" not in page
    page = client.get(f"/training/sessions/?base={park.pk}&course=").content.decode()
    assert "救护员班" in page and "普及班" not in page
    assert client.get("/training/sessions/?course=nonsense").status_code == 200


def test_a_citizen_signs_up_and_gets_a_confirmation_code_with_masked_details(client):
    session = SessionFactory(seats=30)
    response = client.post(f"/training/sessions/{session.pk}/sign-up/", form())
    assert response.status_code == 302
    registration = Registration.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert "您已获得座位" in page
    assert registration.code in page
    assert "138****8000" in page and "13800138000" not in page
    assert "王*" in page


def test_a_full_session_puts_the_next_person_on_the_waiting_list(client):
    session = SessionFactory(seats=1)
    RegistrationFactory(session=session)
    response = client.post(f"/training/sessions/{session.pk}/sign-up/", form(), follow=True)
    assert "候补名单第 1 位" in response.content.decode()
    assert Registration.objects.filter(status="waiting").count() == 1


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"mobile": "12345"}, "11位手机号码"),
        ({"name": ""}, "这个字段是必填项"),
        ({"consent": ""}, "这个字段是必填项"),
    ],
)
def test_bad_input_is_named_next_to_the_field_and_nothing_is_saved(client, values, message):
    session = SessionFactory()
    response = client.post(f"/training/sessions/{session.pk}/sign-up/", form(**values))
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert 'value="实验小学"' in page  # what the person typed is kept
    assert not Registration.objects.exists() and not Trainee.objects.exists()


def test_a_certifying_course_asks_for_the_id_number(client):
    session = SessionFactory(course=FirstAiderCourseFactory())
    response = client.post(f"/training/sessions/{session.pk}/sign-up/", form())
    assert response.status_code == 400 and "本课程颁发证书，请填写身份证号码。" in response.content.decode()
    response = client.post(f"/training/sessions/{session.pk}/sign-up/", form(resident_id="320621199003071230"))
    assert response.status_code == 400 and "校验码不符" in response.content.decode()
    assert not Registration.objects.exists() and not Trainee.objects.exists()
    response = client.post(f"/training/sessions/{session.pk}/sign-up/", form(resident_id=resident_id(5)))
    assert response.status_code == 302


def test_signing_up_twice_is_refused_politely(client):
    session = SessionFactory()
    client.post(f"/training/sessions/{session.pk}/sign-up/", form())
    response = client.post(f"/training/sessions/{session.pk}/sign-up/", form())
    assert response.status_code == 400
    assert "您已报名该场次" in response.content.decode()
    assert Registration.objects.count() == 1


def test_a_closed_session_shows_no_form_and_refuses_posts(client):
    session = SessionFactory(signup_deadline=timezone.now() - dt.timedelta(hours=1))
    page = client.get(session.get_absolute_url()).content.decode()
    assert "报名已截止" in page and 'name="consent"' not in page
    response = client.post(f"/training/sessions/{session.pk}/sign-up/", form())
    assert response.status_code == 400 and "报名已截止" in response.content.decode()
    assert not Registration.objects.exists()


def test_cancelling_through_the_signed_link_moves_the_waiting_person_up(client):
    session = SessionFactory(seats=1)
    first = client.post(f"/training/sessions/{session.pk}/sign-up/", form())["Location"]
    client.post(f"/training/sessions/{session.pk}/sign-up/", form(name="李强", mobile=mobile(2)))
    token = first.rstrip("/").rsplit("/", 1)[-1]
    assert "确定取消" in client.get(f"/training/registrations/{token}/cancel/").content.decode()
    assert Registration.objects.get(trainee__name="王芳").status == "confirmed"  # GET changes nothing
    response = client.post(f"/training/registrations/{token}/cancel/", follow=True)
    assert "报名已取消" in response.content.decode()
    statuses = dict(Registration.objects.values_list("trainee__name", "status"))
    assert statuses == {"王芳": "cancelled", "李强": "confirmed"}


def test_a_forged_or_altered_link_finds_nothing(client):
    session = SessionFactory()
    location = client.post(f"/training/sessions/{session.pk}/sign-up/", form())["Location"]
    assert client.get(location[:-3] + "xx/").status_code == 404
    assert client.get("/training/registrations/1/").status_code == 404
    assert client.post("/training/registrations/1/cancel/").status_code == 404
    assert Registration.objects.get().status == "confirmed"


def test_sign_ups_are_rate_limited_per_address(client, settings):
    settings.RATELIMIT_SIGN_UP = "2/h"
    session = SessionFactory()
    for n in range(2):
        client.post(f"/training/sessions/{session.pk}/sign-up/", form(mobile=mobile(n)), REMOTE_ADDR="203.0.113.5")
    response = client.post(f"/training/sessions/{session.pk}/sign-up/", form(mobile=mobile(3)),
                           REMOTE_ADDR="203.0.113.5")
    assert response.status_code == 429
    assert "请稍后再试" in response.content.decode()
    assert Registration.objects.count() == 2
    other = client.post(f"/training/sessions/{session.pk}/sign-up/", form(mobile=mobile(4)), REMOTE_ADDR="198.51.100.1")
    assert other.status_code == 302


def test_a_certificate_is_checked_by_number_and_name_without_revealing_personal_data(client):
    holder = TraineeFactory(name="王小芳", mobile="13912345678", resident_id=resident_id(9))
    CertificateFactory(number="HA-2025-00017", trainee=holder, issued_on=dt.date(2025, 6, 1),
                       expires_on=dt.date(2099, 6, 1))
    page = client.post("/training/certificates/", {"number": "ha-2025-00017", "name": "王小芳"}).content.decode()
    assert "有效证书" in page and "王*芳" in page and "2099年6月1日" in page
    assert "王小芳" not in page.split("<main", 1)[1].split('name="name"', 1)[0]
    assert holder.mobile not in page and holder.resident_id not in page


def test_an_expired_certificate_says_so(client):
    CertificateFactory(number="HA-2020-00001", trainee=TraineeFactory(name="李强"), issued_on=dt.date(2020, 1, 1),
                       expires_on=dt.date(2023, 1, 1))
    page = client.post("/training/certificates/", {"number": "HA-2020-00001", "name": "李强"}).content.decode()
    assert "证书已过期" in page


def test_a_wrong_name_and_a_wrong_number_get_the_same_answer(client):
    CertificateFactory(number="HA-2025-00017", trainee=TraineeFactory(name="王芳"))
    wrong_name = client.post("/training/certificates/", {"number": "HA-2025-00017", "name": "张伟"}).content.decode()
    wrong_number = client.post("/training/certificates/", {"number": "HA-2025-00018", "name": "王芳"}).content.decode()
    for page in (wrong_name, wrong_number):
        assert "没有与该编号和姓名相符的证书" in page
        assert "HA-2025-00017" not in re.sub(r'value="[^"]*"', "", page)


def test_certificate_checks_are_rate_limited(client, settings):
    settings.RATELIMIT_CERTIFICATE_CHECK = "3/h"
    for n in range(3):
        client.post("/training/certificates/", {"number": f"HA-2025-{n:05d}", "name": "王芳"})
    response = client.post("/training/certificates/", {"number": "HA-2025-00009", "name": "王芳"})
    assert response.status_code == 429


def test_the_qr_code_page_verifies_by_unguessable_token(client):
    certificate = CertificateFactory(trainee=TraineeFactory(name="陈静"), expires_on=dt.date(2099, 1, 1))
    page = client.get(f"/training/certificates/v/{certificate.token}/").content.decode()
    assert "有效证书" in page and "陈*" in page and certificate.number in page
    assert client.get("/training/certificates/v/not-a-token/").status_code == 404


def test_the_privacy_notice_is_linked_from_the_sign_up_form(client):
    session = SessionFactory()
    page = client.get(session.get_absolute_url()).content.decode()
    assert 'href="/training/privacy/"' in page
    assert client.get("/training/privacy/").status_code == 200


def test_session_and_course_pages_load_for_unknown_ids_as_404(client):
    assert client.get("/training/sessions/999999/").status_code == 404
    assert client.get("/training/bases/999999/").status_code == 404
    planned = SessionFactory(status=Session.Status.PLANNED)
    assert client.get(planned.get_absolute_url()).status_code == 404
    assert CourseFactory().pk
