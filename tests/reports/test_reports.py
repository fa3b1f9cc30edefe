import datetime as dt
import io
import subprocess

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from openpyxl import load_workbook

from redcross.reports import periods
from redcross.reports.models import Report, SentenceTemplate
from redcross.reports.services import report_build, report_request
from redcross.reports.tasks import MAX_RETRIES, build_report
from tests.projects.factories import ActivityFactory
from tests.publicity.factories import OutletFactory, PlacementFactory
from tests.training.factories import RegistrationFactory, SessionFactory, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2025():
    ActivityFactory(kind="book_drive", books=120, participants=10, date=dt.date(2025, 4, 23))
    ActivityFactory(date=dt.date(2024, 4, 23), participants=8)
    session = SessionFactory(status="held", starts_at=at("2025-03-10 09:00"), ends_at=at("2025-03-10 12:00"))
    for _ in range(3):
        RegistrationFactory(session=session, attended=True)
    for _ in range(24):
        PlacementFactory(outlet=OutletFactory(name="人民网", level="national"), published_on=dt.date(2025, 5, 1))
    return periods.year(2025)


def ready_report(period) -> Report:
    report = Report.objects.create(kind=period.kind, start=period.start, end=period.end)
    return report_build(report_id=report.pk)


def test_asking_twice_while_a_report_is_in_progress_makes_one(leader):
    first, created = report_request(period=periods.month(2025, 7), by=leader)
    again, created_again = report_request(period=periods.month(2025, 7), by=leader)
    assert created and not created_again and first == again
    assert Report.objects.count() == 1


def test_a_yearly_report_is_a_word_draft_of_the_year_end_report(year_2025):
    report = ready_report(year_2025)
    assert report.status == Report.Status.READY
    document = Document(report.docx.path)
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert text.startswith("市红十字会2025年工作总结") or "2025年工作总结" in text.splitlines()[0]
    assert "一、重视人道项目申报" in text and "二、强化救护培训效果" in text and "三、创新宣传提升层次" in text
    assert "特约通讯员队伍成立以来，我会在国家级媒体用稿24条" in text
    assert "培训3人次（2024年无）" in text and "募集图书120册" in text
    assert "参与群众10人次（由2024年的8人次增至10人次）" in text
    assert text.splitlines()[1].startswith("数据截至") and "生成于" in text.splitlines()[1]
    assert "（此部分由领导撰写。）" in text
    run = document.paragraphs[0].runs[0]
    assert run.font.name == "方正小标宋简体"
    assert document.paragraphs[1].runs[0]._element.rPr.rFonts.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "仿宋_GB2312"


def test_staff_edit_a_sentence_and_the_next_report_says_it(year_2025):
    SentenceTemplate.objects.filter(key="closing").update(text="明年计划培训{{ trainees }}人次以上。")
    text = "\n".join(p.text for p in Document(ready_report(year_2025).docx.path).paragraphs)
    assert "明年计划培训3人次以上。" in text


def test_the_excel_report_holds_numbers_year_over_year_and_the_lists(year_2025):
    workbook = load_workbook(io.BytesIO(ready_report(year_2025).xlsx.read()))
    assert workbook.sheetnames[:4] == ["说明", "人道项目", "两护培训", "宣传工作"]
    assert workbook["说明"]["A2"].value.startswith("数据截至")
    training = workbook["两护培训"]
    assert training["A1"].value == "指标" and training["A1"].font.b and training.freeze_panes == "A2"
    rows = {row[0]: row for row in training.iter_rows(min_row=2, values_only=True)}
    assert rows["培训人次"][1:4] == ("人次", 3, 0) and isinstance(rows["培训人次"][2], int)
    projects = {row[0]: row for row in workbook["人道项目"].iter_rows(min_row=2, values_only=True)}
    assert projects["活动参与人次"][2:5] == (10, 8, "由8人次增至10人次")
    # Money with its cents, counts as whole numbers, row by row.
    formats = {row[0].value: row[2].number_format for row in workbook["人道项目"].iter_rows(min_row=2)}
    assert formats["活动参与人次"] == "#,##0" and "#,##0.00" in formats.values()
    assert workbook["用稿清单"].max_row == 25
    assert workbook["活动清单"]["C2"].value == "募集图书"


def test_the_pdf_prints_chinese_text_and_charts(year_2025, tmp_path):
    report = ready_report(year_2025)
    assert report.pdf.read(4) == b"%PDF"
    text = subprocess.run(["pdftotext", report.pdf.path, "-"], capture_output=True, text=True, check=True).stdout
    assert "2025年工作总结" in text and "培训人次（按月）" in text and "国家级媒体用稿24条" in text
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", report.pdf.path, str(tmp_path / "page")],
                   check=True)
    from PIL import Image

    page = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    dark = sum(page.histogram()[:128])
    assert dark > 2000  # the page carries glyphs, not empty boxes on a blank sheet


def test_nothing_recorded_is_left_out_of_the_sentences_and_the_table_tells_none_from_zero():
    document = Document(ready_report(periods.year(2019)).docx.path)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "关注人数" not in text and "培训0人次" not in text and "0篇" not in text
    assert "本期暂无记录。" in text
    rows = {row.cells[0].text: [cell.text for cell in row.cells] for row in document.tables[0].rows}
    assert rows["公众号关注人数（人）"][1:] == ["—", "—", "—", "—"]
    assert rows["培训人次（人次）"][1] == "0"


def test_a_failure_is_recorded_with_its_reason_after_the_last_retry():
    SentenceTemplate.objects.filter(key="opening").update(text="{% broken %}")
    report = Report.objects.create(kind="year", start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
    build_report.apply(args=[report.pk], retries=MAX_RETRIES)
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert "broken" in report.error
    assert not report.docx


def test_a_ready_report_is_not_produced_twice(year_2025):
    report = ready_report(year_2025)
    name = report.docx.name
    assert report_build(report_id=report.pk).docx.name == name


def test_the_command_line_prints_the_three_files(year_2025, capsys):
    call_command("summary_report", "quarter", "2025-Q2")
    paths = capsys.readouterr().out.split()
    assert [path.rsplit(".", 1)[1] for path in paths] == ["docx", "xlsx", "pdf"]
    from pathlib import Path

    assert all(Path(path).stat().st_size > 1000 for path in paths)
    with pytest.raises(Exception, match="季度|quarter|period|Q"):
        call_command("summary_report", "quarter", "2025-Q9")


def test_reports_figures_are_only_read(year_2025):
    from projects.models import Activity

    before = list(Activity.objects.values_list("pk", "participants"))
    ready_report(year_2025)
    assert list(Activity.objects.values_list("pk", "participants")) == before


def test_a_monthly_report_is_a_short_brief(year_2025):
    report = Report.objects.create(kind="month", start=dt.date(2025, 3, 1), end=dt.date(2025, 3, 31))
    text = "\n".join(p.text for p in Document(report_build(report_id=report.pk).docx.path).paragraphs)
    assert "2025年3月工作简报" in text and "举办培训1期，培训3人次" in text
    assert "成立以来" not in text.split("附表")[0] and "四、下一步工作" not in text


def test_the_command_line_asks_for_its_report_like_every_other_request(year_2025, monkeypatch, capsys):
    from redcross.reports import services

    asked = []

    def recorded(**kwargs):
        asked.append(kwargs)
        return report_request(**kwargs)

    monkeypatch.setattr(services, "report_request", recorded)
    call_command("summary_report", "quarter", "2025-Q2")

    assert asked == [{"period": periods.quarter(2025, 2), "queue": False}]
    report = Report.objects.get()
    assert (report.status, report.attempts, report.scheduled, report.requested_by) == (
        Report.Status.READY, 1, False, None)
    assert capsys.readouterr().out.split() == [report.docx.path, report.xlsx.path, report.pdf.path]


def test_the_command_line_leaves_a_report_already_asked_for_to_its_worker(leader):
    queued, _created = report_request(period=periods.month(2025, 7), by=leader)

    with pytest.raises(CommandError, match=f"report {queued.pk}"):
        call_command("summary_report", "month", "2025-07")

    assert list(Report.objects.values_list("pk", "status")) == [(queued.pk, Report.Status.QUEUED)]


def test_word_pdf_and_excel_head_the_figures_with_the_same_words(year_2025):
    from redcross.reports import labels

    report = ready_report(year_2025)
    headers = labels.figure_headers(report.figures["period"])
    assert [cell.text for cell in Document(report.docx.path).tables[0].rows[0].cells] == headers
    text = subprocess.run(["pdftotext", "-layout", report.pdf.path, "-"], capture_output=True, text=True,
                          check=True).stdout
    assert labels.TABLE_HEADING in text and all(header in text for header in headers)
    workbook = load_workbook(io.BytesIO(report.xlsx.read()))
    assert [cell.value for cell in workbook["人道项目"][1]] == labels.front_headers(report.figures["period"])


def test_a_reports_status_cannot_be_changed_in_the_admin(admin_client):
    report, _created = report_request(period=periods.month(2025, 7))
    url = f"/admin/reports/report/{report.pk}/change/"

    assert admin_client.get(url).status_code == 200
    assert admin_client.post(url, {"status": "ready"}).status_code == 403
    report.refresh_from_db()
    assert report.status == Report.Status.QUEUED
