from tests.factories import STAFF_PASSWORD

LOGIN_URL = "/admin/login/?next=/admin/"


def attempt(client, username, password, ip="203.0.113.7"):
    return client.post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_five_failures_lock_that_username_from_that_address_with_a_clear_page(client, training_officer):
    for _ in range(4):
        assert attempt(client, "training-officer", "wrong").status_code == 200
    locked = attempt(client, "training-officer", "wrong")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "登录已锁定" in page
    assert "30 分钟" in page

    # Even the right password is refused while the pair is locked.
    assert attempt(client, "training-officer", STAFF_PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_holds_only_that_username_and_address_pair(client, training_officer, leader):
    for _ in range(5):
        attempt(client, "training-officer", "wrong")

    other_user = attempt(client, "leader", STAFF_PASSWORD)
    assert other_user.status_code == 302
    client.logout()
    other_address = attempt(client, "training-officer", STAFF_PASSWORD, ip="198.51.100.9")
    assert other_address.status_code == 302


def test_a_successful_login_resets_the_count(client, training_officer):
    for _ in range(4):
        attempt(client, "training-officer", "wrong")
    assert attempt(client, "training-officer", STAFF_PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert attempt(client, "training-officer", "wrong").status_code == 200
