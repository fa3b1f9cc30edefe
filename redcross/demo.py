"""Demo data of the core: the branch profile and one staff account per role."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .models import BranchProfile
from .roles import LEADERSHIP, PROJECTS_MANAGER, PUBLICITY_MANAGER, TRAINING_MANAGER

DEMO_PASSWORD = "redcross-demo"  # noqa: S105 - printed to the developer; seed_demo refuses to run in production
DEMO_ACCOUNTS = (
    ("demo-admin", "系统管理员", None),
    ("demo-projects", "项目专员", PROJECTS_MANAGER),
    ("demo-training", "培训专员", TRAINING_MANAGER),
    ("demo-publicity", "宣传专员", PUBLICITY_MANAGER),
    ("demo-leader", "会领导", LEADERSHIP),
)


def seed(scale: int = 1) -> list[tuple[str, str]]:
    profile = BranchProfile.load()
    if profile.address == "":
        profile.name = "示例市红十字会"
        profile.short_name = "示例红会"
        profile.name_en = "Red Cross Society of Example City"
        profile.address = "示例市人民路 100 号"
        profile.phone = "0513-12345678"
        profile.email = "redcross@example.cn"
        profile.wechat_name = "示例市红十字救援队"
        profile.icp_number = "苏ICP备00000000号-1"
        profile.save()

    user_model = get_user_model()
    logins = []
    for username, first_name, role in DEMO_ACCOUNTS:
        user, created = user_model.objects.get_or_create(
            username=username,
            defaults={"first_name": first_name, "is_staff": True, "is_superuser": role is None},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        if role is not None:
            user.groups.set([Group.objects.get(name=role.name)])
        logins.append((username, role.name if role else "超级管理员"))
    return logins
