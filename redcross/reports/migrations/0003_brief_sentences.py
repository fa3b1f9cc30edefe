from django.db import migrations

# Monthly, quarterly and custom-range briefs: the period's own figures in a few lines, no closing section.
SENTENCES = [
    ("brief_opening", "简报开篇", "{{ period }}，{{ branch }}主要工作数据如下。"),
    ("brief_projects_heading", "简报第一部分标题", "一、人道项目"),
    ("brief_projects", "简报人道项目段落",
     "到位项目资金{{ money_received }}元，支出{{ money_spent }}元；新增服务设施{{ facilities_new }}处；开展活动"
     "{{ activities }}次，参与{{ participants }}人次，受益{{ beneficiaries }}人次（与{{ earlier }}相比"
     "{{ change.participants }}）。"),
    ("brief_training_heading", "简报第二部分标题", "二、两护培训"),
    ("brief_training", "简报两护培训段落",
     "举办培训{{ sessions }}期，培训{{ trainees }}人次（与{{ earlier }}相比{{ change.trainees }}），发放救护员证"
     "{{ certificates }}本，接待参观体验{{ visits }}场次、{{ visitors }}人次。"),
    ("brief_publicity_heading", "简报第三部分标题", "三、宣传工作"),
    ("brief_publicity", "简报宣传段落",
     "用稿{{ placements }}条，其中国家级媒体{{ national }}条；公众号发送图文{{ wechat_articles }}条、视频"
     "{{ wechat_videos }}条，关注人数{{ followers }}人；门户发布新闻{{ news_articles }}篇。"),
]


def add_sentences(apps, schema_editor):
    sentence = apps.get_model("reports", "SentenceTemplate")
    for key, description, text in SENTENCES:
        sentence.objects.get_or_create(key=key, defaults={"description": description, "text": text})


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_sentences")]

    operations = [migrations.RunPython(add_sentences, migrations.RunPython.noop)]
