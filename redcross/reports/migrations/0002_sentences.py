from django.db import migrations

# The first wording of the reports, in the shape of the branch's year-end report; staff edit it in the admin.
SENTENCES = [
    ("title_year", "年度报告标题", "{{ branch }}{{ period }}工作总结"),
    ("title_brief", "月度、季度和自定义时段简报的标题", "{{ branch }}{{ period }}工作简报"),
    ("opening", "开篇段落",
     "{{ period }}，{{ branch }}重视阵地建设，通过人道项目申报、“两护”培训推进、互联网+辐射，不断夯实红十字事业"
     "发展基础。现将主要工作情况报告如下。"),
    ("projects_heading", "第一部分标题", "一、重视人道项目申报，构筑群众欢迎的“博爱家园”"),
    ("projects", "人道项目段落",
     "截至{{ end }}，我会共有博爱家园及项目站点{{ since.sites }}处，其中已建成{{ since.sites_built }}处，在用服务"
     "设施{{ since.facilities_in_service }}处。{{ period }}新增服务设施{{ facilities_new }}处，人道项目获批"
     "{{ projects_approved }}个、完成验收{{ projects_completed }}个；到位项目资金{{ money_received }}元，其中省红十字会"
     "补助{{ money_provincial }}元、自筹资金{{ money_self_raised }}元，支出{{ money_spent }}元。各站点开展志愿服务等"
     "活动{{ activities }}次，参与群众{{ participants }}人次，志愿者{{ volunteers }}人次、服务{{ volunteer_hours }}"
     "小时，受益{{ beneficiaries }}人次，募集图书{{ books }}册。"),
    ("training_heading", "第二部分标题", "二、强化救护培训效果，建设规范实用的培训基地"),
    ("training", "两护培训段落",
     "{{ period }}，我会举办各类培训{{ sessions }}期，培训{{ trainees }}人次（与{{ earlier }}相比"
     "{{ change.trainees }}），其中应急救护普及培训{{ awareness_trainees }}人次、救护员培训{{ first_aider_trainees }}"
     "人次，发放救护员证{{ certificates }}本；养老照护培训{{ elder_care_trainees }}人次。各培训基地接待中小学生等团体"
     "参观体验{{ visits }}场次、{{ visitors }}人次。目前全市建有救护培训基地（教室）{{ bases }}处，其中达到省规范化"
     "建设标准的{{ standard_bases }}处，共有培训座位{{ seats }}个，累计投入基地建设资金{{ since.base_money }}元。"),
    ("publicity_heading", "第三部分标题", "三、创新宣传提升层次，拓展有影响力的网络阵地"),
    ("publicity", "宣传段落",
     "特约通讯员队伍成立以来，我会在国家级媒体用稿{{ since.national }}条、省红会系统调研文章"
     "{{ since.research_articles }}篇、省市级媒体用稿{{ since.provincial_municipal }}条、本市级媒体用稿"
     "{{ since.local }}条；{{ period }}用稿{{ placements }}条，现有特约通讯员{{ correspondents }}名。救援队微信公众号"
     "开通至今共发送图文消息{{ since.wechat_articles }}条、视频{{ since.wechat_videos }}条，{{ period }}发送图文"
     "{{ wechat_articles }}条、视频{{ wechat_videos }}条，被省红十字会、总会刊用或转发{{ reposts }}次，关注人数"
     "{{ followers }}人{% if best_rank != '—' %}，影响力排名最好为全省红十字系统第{{ best_rank }}名{% endif %}。门户网站"
     "发布新闻{{ news_articles }}篇。"),
    ("closing_heading", "第四部分标题", "四、下一步工作"),
    ("closing", "结尾（留给领导撰写）", "（此部分由领导撰写。）"),
]


def add_sentences(apps, schema_editor):
    sentence = apps.get_model("reports", "SentenceTemplate")
    for key, description, text in SENTENCES:
        sentence.objects.get_or_create(key=key, defaults={"description": description, "text": text})


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(add_sentences, migrations.RunPython.noop)]
