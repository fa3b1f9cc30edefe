import importlib

from django.db import migrations

# The positions close the first section of the year-end report (documents/text.py PARAGRAPHS): each kind of position
# the branch has, in the shape of the source report (全市建成红十字模范学校N所，本年新增M所), then the group visits,
# counted once for the positions and the training bases. One clause per line: a figure with nothing recorded drops
# its clause.
POSITIONS = (
    "positions",
    "红十字阵地段落（接在人道项目段落之后；positions 为各类阵地，每类有 kind、unit（量词）、passed、new、"
    "in_progress、failed、total、assessments、visits、visitors）",
    """{% for row in positions %}{% if row.passed %}全市建成{{ row.kind }}{{ row.passed }}{{ row.unit }}
{{ period }}新增{{ row.new }}{{ row.unit }}
另有{{ row.in_progress }}{{ row.unit }}正在创建{% else %}全市有{{ row.kind }}{{ row.total }}{{ row.unit }}
其中{{ row.in_progress }}{{ row.unit }}正在创建{% endif %}
{{ row.failed }}{{ row.unit }}复核未通过
{{ period }}开展评估{{ row.assessments }}次
接待团体参观体验{{ row.visits }}场次、{{ row.visitors }}人次。
{% endfor %}{{ period }}，
各红十字阵地和培训基地共接待中小学生等团体参观体验{{ visits }}场次、{{ visitors }}人次（{{ change.visitors }}）。""",
)
# Group visits are now said once, with the positions: the training paragraph no longer says them.
BASE_VISITS = "\n各培训基地接待中小学生等团体参观体验{{ visits }}场次、{{ visitors }}人次（{{ change.visitors }}）。"


def _training_as_shipped() -> str:
    return importlib.import_module("redcross.reports.migrations.0006_wording_of_a_leader").SENTENCES["training"]


def add_positions(apps, schema_editor):
    sentence = apps.get_model("reports", "SentenceTemplate")
    key, description, text = POSITIONS
    sentence.objects.get_or_create(key=key, defaults={"description": description, "text": text})
    shipped = _training_as_shipped()
    # A branch's own wording stays as it is.
    sentence.objects.filter(key="training", text=shipped).update(text=shipped.replace(BASE_VISITS, "", 1))


def remove_positions(apps, schema_editor):
    sentence = apps.get_model("reports", "SentenceTemplate")
    key, _description, text = POSITIONS
    sentence.objects.filter(key=key, text=text).delete()
    shipped = _training_as_shipped()
    sentence.objects.filter(key="training", text=shipped.replace(BASE_VISITS, "", 1)).update(text=shipped)


class Migration(migrations.Migration):
    dependencies = [("reports", "0006_wording_of_a_leader")]

    operations = [migrations.RunPython(add_positions, remove_positions)]
