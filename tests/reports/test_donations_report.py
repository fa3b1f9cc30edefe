"""Donations in the reports: a sentence in the shape of the source report after the positions, the figures in the
table and the Excel sheet of figures, and the lists of gifts and uses with the donor named as published — never a
phone or an address."""

import datetime as dt
import io
import re
import subprocess

import pytest
from django.utils import translation
from docx import Document
from openpyxl import load_workbook

from projects.donation_names import published_name
from projects.models import Donation
from redcross.reports import periods
from redcross.reports.figures import FACT_BY_KEY, FRONTS, collect
from redcross.reports.models import Report
from redcross.reports.services import report_build, report_request
from tests.projects.test_donation_figures import a_year_of_donations, records_after_the_year

pytestmark = pytest.mark.django_db
YEAR = periods.year(2025)
SENTENCE = (
    "2025年，共接收社会捐赠款物5万元（比2024年增长900.0%），其中资金4.2万元，物资折价8000元，定向捐赠3.2万元。"
    "支出（使用）捐赠款物3.7万元，用于博爱家园等项目3.1万元，用于救助6000元（惠及70人次）。"
    "截至2025年12月31日，捐赠款物结余1.6万元。"
)


def label(key: str) -> str:
    """A figure's label as the Chinese report writes it."""
    with translation.override("zh-hans"):
        return str(FACT_BY_KEY[key].label)


def built(period=YEAR) -> Report:
    report, _created = report_request(period=period, queue=False)
    return report_build(report_id=report.pk)


def document_text(report: Report) -> str:
    return "\n".join(paragraph.text for paragraph in Document(report.docx.path).paragraphs)


@pytest.fixture
def donated():
    made = a_year_of_donations()
    records_after_the_year(made)
    return made


def test_the_figures_of_the_year_count_donations_received_used_and_remaining(donated):
    data = collect(YEAR)
    current = data["current"]
    assert (current["donations_received"], current["donations_count"], current["donations_money"],
            current["donations_goods"], current["donations_directed"]) == (50000, 4, 42000, 8000, 32000)
    assert (current["donations_from_people"], current["donations_from_organisations"],
            current["donations_anonymous"]) == (10000, 38000, 2000)
    assert (current["donations_used"], current["donations_for_projects"], current["donations_for_relief"],
            current["relief_people"], current["donations_remaining"]) == (37000, 31000, 6000, 70, 16000)
    assert (data["previous"]["donations_received"], data["previous"]["donations_remaining"]) == (5000, 3000)
    # Since records began, up to the year's end: 2024's gift too, and nothing dated after 2025.
    assert (data["since"]["donations_received"], data["since"]["donations_used"]) == (55000, 39000)


def test_the_year_end_report_says_the_donations_after_the_positions(donated):
    text = document_text(built())
    assert SENTENCE in text
    first, second = text.index("一、重视人道项目申报"), text.index("二、强化救护培训效果")
    assert first < text.index("共接收社会捐赠款物") < second
    # The table of figures has a part of its own.
    table = Document(built().docx.path).tables[0]
    rows = {row.cells[0].text: [cell.text for cell in row.cells[1:]] for row in table.rows}
    assert rows[f"{label('donations_received')}（元）"] == ["50,000.00", "5,000.00", "增长900.0%", "55,000.00"]
    assert rows[f"{label('donations_remaining')}（元）"][0] == "16,000.00"


def test_a_quarters_brief_says_its_donations_and_the_balance_at_its_end(donated):
    text = document_text(built(periods.quarter(2025, 2)))
    assert "接收社会捐赠款物3.8万元（2024年第二季度无），其中资金3万元，物资折价8000元。" in text
    assert "使用捐赠款物3万元，期末结余1.7万元。" in text


def test_a_period_without_donations_says_nothing_of_them():
    text = document_text(built())
    assert "捐赠" not in text


def test_the_balance_is_said_when_nothing_was_received_in_the_period(donated):
    text = document_text(built(periods.month(2025, 10)))
    assert "接收社会捐赠款物" not in text and "使用捐赠款物" not in text
    assert "期末结余1.4万元。" in text  # 53,000 received by October's end (from 2024 on), 39,000 used


def test_the_excel_report_lists_the_gifts_and_their_uses_as_the_public_may_read_the_donors(donated):
    workbook = load_workbook(io.BytesIO(built().xlsx.read()))
    assert workbook.sheetnames[:4] == ["说明", "人道项目", "两护培训", "宣传工作"]
    with translation.override("zh-hans"):
        sheet = str(FRONTS["donations"][0])
    figures = {row[0]: row for row in workbook[sheet].iter_rows(min_row=2, values_only=True)}
    assert figures[label("donations_received")][1:4] == ("元", 50000, 5000)
    assert figures[label("relief_people")][1:3] == ("人次", 70)

    gifts = list(workbook["捐赠明细"].iter_rows(values_only=True))
    assert gifts[0] == ("接收日期", "票据号", "捐赠方", "捐赠方类型", "类别", "物资及数量", "金额或折价（元）",
                        "捐赠方向", "期末已使用（元）", "期末结余（元）")
    with translation.override("zh-hans"):
        anonymous = published_name(Donation.objects.get(receipt_number="RC2025004"))
    assert gifts[1:] == [
        (dt.datetime(2025, 2, 10), "RC2025001", "王*国", "个人", "资金", None, 10000, "非定向", 4000, 6000),
        (dt.datetime(2025, 5, 1), "RC2025002", "恒通科技有限公司", "单位", "资金", None, 30000,
         "定向项目：幸福社区博爱家园", 30000, 0),
        (dt.datetime(2025, 6, 15), "RC2025003", "市***司", "单位", "物资", "大米 100箱", 8000, "非定向", 2000, 6000),
        (dt.datetime(2025, 12, 31), "RC2025004", anonymous, "匿名", "资金", None, 2000, "定向用途：助学", 0, 2000),
    ]
    assert workbook["捐赠明细"]["G2"].number_format == "#,##0.00"

    uses = list(workbook["捐赠使用"].iter_rows(values_only=True))
    assert uses[0] == ("使用日期", "票据号", "捐赠方", "用途", "使用对象", "物资数量", "金额（元）", "救助人次")
    assert [row[1:] for row in uses[1:]] == [
        ("RC2025001", "王*国", "救助", "春节慰问困难家庭", None, 4000, 20),
        ("RC2025002", "恒通科技有限公司", "项目", "幸福社区博爱家园", None, 30000, None),
        ("RC2025003", "市***司", "救助", "洪灾受灾群众", "25箱", 2000, 50),
        ("RC2024001", "李*英", "项目", "博爱病房", None, 1000, None),
    ]


def test_no_list_of_the_report_holds_a_donors_phone_address_note_or_unconsented_name(donated):
    workbook = load_workbook(io.BytesIO(built().xlsx.read()))
    cells = [str(value) for sheet in workbook for row in sheet.iter_rows(values_only=True) for value in row]
    text = " ".join(cells)
    assert not [cell for cell in cells if re.search(r"1[3-9]\d{9}", cell)]
    assert "人民路" not in text and "老客户" not in text
    assert "王建国" not in text and "李秀英" not in text and "市粮油公司" not in text
    assert "恒通科技有限公司" in text  # named in full with the donor's consent


def test_the_pdf_says_the_donations_as_the_word_file_does(donated):
    report = built()
    text = subprocess.run(["pdftotext", report.pdf.path, "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", "", text)  # lines wrap anywhere in Chinese text
    assert "共接收社会捐赠款物5万元" in flat and "截至2025年12月31日，捐赠款物结余1.6万元。" in flat
