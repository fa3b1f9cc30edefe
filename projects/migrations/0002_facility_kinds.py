from django.db import migrations

# The kinds of facility named in the branch's work; staff add more in the admin.
KINDS = [
    "博爱广场", "博爱书屋", "应急救护培训教室", "助老服务站", "博爱小超市", "棋牌书画室", "康复健身室",
    "志愿者之家", "博爱桥", "博爱卫生站", "博爱病房",
]


def add_kinds(apps, schema_editor):
    facility_kind = apps.get_model("projects", "FacilityKind")
    for order, name in enumerate(KINDS, start=1):
        facility_kind.objects.get_or_create(name=name, defaults={"order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]

    operations = [migrations.RunPython(add_kinds, migrations.RunPython.noop)]
