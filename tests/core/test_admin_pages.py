"""Every admin page staff can reach renders on the demo data: lists, forms and the first record's page."""

import pytest
from django.contrib import admin
from django.urls import reverse


def test_every_admin_list_add_and_change_page_renders(admin_client, demo):
    checked = 0
    for model, model_admin in admin.site._registry.items():
        info = f"{model._meta.app_label}_{model._meta.model_name}"
        response = admin_client.get(reverse(f"admin:{info}_changelist"))
        assert response.status_code in (200, 302), (info, response.status_code)
        first = model_admin.get_queryset(response.wsgi_request).first()
        if first is not None:
            page = admin_client.get(reverse(f"admin:{info}_change", args=[first.pk]))
            assert page.status_code == 200, info
        if model_admin.has_add_permission(response.wsgi_request):
            assert admin_client.get(reverse(f"admin:{info}_add")).status_code == 200, info
        checked += 1
    assert checked >= 30


def test_leadership_sees_every_list_in_chinese(client, leader, demo):
    client.force_login(leader)
    page = client.get("/admin/").content.decode()
    for title in ("人道项目", "两护培训", "宣传工作", "站点", "培训班", "特约通讯员", "统计报告"):
        assert title in page, title


@pytest.mark.parametrize("role", ["项目管理员", "培训管理员", "宣传管理员", "领导"])
def test_every_admin_page_a_role_can_reach_renders_and_the_rest_answer_403(client, demo, role):
    """Each role opens every list, the first record and the add page it may use; nothing it may not use opens."""
    from tests.factories import StaffFactory

    user = StaffFactory(role=role, username=f"role-{len(role)}-{hash(role) % 1000}")
    client.force_login(user)
    opened = 0
    for model, model_admin in admin.site._registry.items():
        info = f"{model._meta.app_label}_{model._meta.model_name}"
        response = client.get(reverse(f"admin:{info}_changelist"))
        request = response.wsgi_request
        if not model_admin.has_view_or_change_permission(request):
            assert response.status_code == 403, (role, info, response.status_code)
            continue
        assert response.status_code in (200, 302), (role, info, response.status_code)
        first = model_admin.get_queryset(request).first()
        if first is not None:
            page = client.get(reverse(f"admin:{info}_change", args=[first.pk]))
            assert page.status_code == 200, (role, info, page.status_code)
            history = client.get(reverse(f"admin:{info}_history", args=[first.pk]))
            assert history.status_code in (200, 404), (role, info, history.status_code)
        add = client.get(reverse(f"admin:{info}_add"))
        assert add.status_code == (200 if model_admin.has_add_permission(request) else 403), (role, info)
        opened += 1
    assert opened >= 4
