from django.db import migrations

# The donations close the first section of the report, after the positions (documents/text.py PARAGRAPHS): what was
# received in the period, money and goods at their estimated value, what was used and for what, and what remained at
# its end (the Red Cross Society Law asks the branch to publish the sources, amounts and uses of donations). One
# clause per line: a figure with nothing recorded drops its clause, so a period without donations says nothing.
FIGURES = (
    "donations_ 加 received、count、money、goods、directed、from_people、from_organisations、anonymous、used、"
    "for_projects、for_relief、remaining（期末结余），及 relief_people（救助人次）"
)
SENTENCES = (
    (
        "donations",
        f"社会捐赠段落，接在阵地段落之后：{FIGURES}",
        """{{ period }}，
共接收社会捐赠款物{{ donations_received }}元（{{ change.donations_received }}）
其中资金{{ donations_money }}元
物资折价{{ donations_goods }}元
定向捐赠{{ donations_directed }}元。
支出（使用）捐赠款物{{ donations_used }}元
用于博爱家园等项目{{ donations_for_projects }}元
用于救助{{ donations_for_relief }}元（惠及{{ relief_people }}人次）。
截至{{ end }}，
捐赠款物结余{{ donations_remaining }}元。""",
    ),
    (
        "brief_donations",
        f"简报的社会捐赠，接在人道项目之后：{FIGURES}",
        """接收社会捐赠款物{{ donations_received }}元（{{ change.donations_received }}）
其中资金{{ donations_money }}元
物资折价{{ donations_goods }}元。
使用捐赠款物{{ donations_used }}元
救助{{ relief_people }}人次
期末结余{{ donations_remaining }}元。""",
    ),
)


def add_sentences(apps, schema_editor):
    sentence = apps.get_model("reports", "SentenceTemplate")
    for key, description, text in SENTENCES:
        sentence.objects.get_or_create(key=key, defaults={"description": description, "text": text})


def remove_sentences(apps, schema_editor):
    sentence = apps.get_model("reports", "SentenceTemplate")
    for key, _description, text in SENTENCES:
        sentence.objects.filter(key=key, text=text).delete()  # a branch's own wording stays


class Migration(migrations.Migration):
    dependencies = [("reports", "0007_positions_sentence")]

    operations = [migrations.RunPython(add_sentences, remove_sentences)]
