"""The import mechanism every app's spreadsheets share: cells read in Chinese, rows numbered as Excel numbers them."""

import datetime as dt
from decimal import Decimal

import pytest
import tablib
from django.utils.translation import gettext, override
from import_export import widgets

from projects.models import Facility, FacilityKind, Site
from redcross.cells import CellError, CountWidget, DayWidget, NamedWidget, NumberWidget, YesNoWidget, column
from redcross.importing import StrictResource
from tests.projects.factories import SiteFactory

HEADERS = ["站点", "类型", "名称", "开放日期", "面积"]


class PlainWidgetsResource(StrictResource):
    """The library's own widgets, whose errors are Python's: the resource must still speak Chinese."""

    site = column("site", "站点", widgets.ForeignKeyWidget(Site, "name"))
    kind = column("kind", "类型", widgets.ForeignKeyWidget(FacilityKind, "name"))
    name = column("name", "名称")
    opened_on = column("opened_on", "开放日期", widgets.DateWidget())
    area = column("area", "面积", widgets.DecimalWidget())

    class Meta:
        model = Facility
        import_id_fields = ("site", "name")
        fields = ("site", "kind", "name", "opened_on", "area")
        clean_model_instances = True


class BrokenServiceResource(PlainWidgetsResource):
    def save_record(self, instance):
        raise RuntimeError("the service is down")


def chinese(message: str, **values) -> str:
    with override("zh-hans"):
        return gettext(message) % values


def imported(resource, rows: list[list]):
    with override("zh-hans"):
        return resource.import_data(tablib.Dataset(*rows, headers=HEADERS), dry_run=True)


def errors_by_row(result) -> dict[int, dict[str, list[str]]]:
    return {row.number: row.error_dict for row in result.invalid_rows}


@pytest.mark.django_db
def test_python_messages_of_the_librarys_widgets_become_chinese_messages_by_column():
    SiteFactory(name="东湖社区")
    result = imported(PlainWidgetsResource(), [
        ["东湖社区", "博爱广场", "博爱广场", "2025-03-01", "1200"],
        ["西湖社区", "博爱书屋", "博爱书屋", "2025-03-01", "60"],
        ["东湖社区", "博爱书屋", "博爱书屋", "三月", "六十"],
    ])

    assert not result.has_errors()
    assert errors_by_row(result) == {
        3: {"站点": [chinese("There is no %(model)s named “%(name)s”.", model="站点", name="西湖社区")]},
        4: {"开放日期": [chinese("“%(value)s” cannot be read in this column.", value="三月")],
            "面积": [chinese("“%(value)s” cannot be read in this column.", value="六十")]},
    }
    text = str(errors_by_row(result))
    assert "matching query" not in text and "could not be parsed" not in text and "Conversion" not in text


@pytest.mark.django_db
def test_blank_rows_are_skipped_and_refused_rows_keep_their_excel_numbers():
    SiteFactory(name="东湖社区")
    result = imported(PlainWidgetsResource(), [
        [None, None, None, None, None],
        ["东湖社区", "博爱广场", "博爱广场", "2025-03-01", "1200"],
        ["", " ", None, "", ""],
        ["南湖社区", "博爱广场", "博爱广场", "2025-03-01", "1200"],
    ])

    assert result.total_rows == 2
    assert list(errors_by_row(result)) == [5]


@pytest.mark.django_db
def test_the_models_own_complaints_are_named_by_column():
    SiteFactory(name="东湖社区")
    result = imported(PlainWidgetsResource(), [["东湖社区", "博爱广场", "", "2025-03-01", "-5"]])

    assert set(errors_by_row(result)[2]) == {"名称", "面积"}


@pytest.mark.django_db
def test_a_row_that_fails_unexpectedly_is_listed_under_its_excel_row():
    SiteFactory(name="东湖社区")
    result = imported(BrokenServiceResource(), [
        [None] * 5,
        ["东湖社区", "博爱广场", "博爱广场", "2025-03-01", "1200"],
    ])

    assert [line for line, _errors in result.row_errors()] == [3]
    assert [row.number for row in result.error_rows] == [3]


@pytest.mark.parametrize("value", [dt.datetime(2025, 7, 1, 9, 30), dt.date(2025, 7, 1), "2025-07-01", "2025/7/1",
                                   "2025.7.1", "2025年7月1日", "20250701", " 2025-07-01 "])
def test_a_date_is_read_however_staff_write_it(value):
    assert DayWidget().clean(value) == dt.date(2025, 7, 1)


@pytest.mark.parametrize(("value", "number"), [("1,200.50", Decimal("1200.50")), (60.5, Decimal("60.5")),
                                                (1200, Decimal("1200")), ("", None)])
def test_a_number_is_read_with_or_without_thousands_separators(value, number):
    assert NumberWidget().clean(value) == number


@pytest.mark.parametrize(
    ("widget", "value", "message"),
    [
        (DayWidget(), "2025-02-30", "“2025-02-30”不是日期，请按 2025-07-01 的格式填写。"),
        (DayWidget(required=True), "", "请填写日期。"),
        (CountWidget(), "12.5", "“12.5”不是整数。"),
        (CountWidget(), -3, "“-3”小于零。"),
        (CountWidget(required=True), None, "请填写数字。"),
        (YesNoWidget(), "也许", "“也许”既不是“是”也不是“否”。"),
    ],
)
def test_a_cell_that_cannot_be_read_says_so_in_chinese(widget, value, message):
    with override("zh-hans"), pytest.raises(CellError) as error:
        widget.clean(value)
    assert str(error.value) == message


@pytest.mark.django_db
def test_an_unknown_name_says_which_record_is_missing():
    with override("zh-hans"), pytest.raises(CellError) as error:
        NamedWidget(Site).clean("西湖社区")
    assert str(error.value) == chinese("There is no %(model)s named “%(name)s”.", model="站点", name="西湖社区")


def test_counts_read_empty_cells_as_told():
    assert CountWidget(empty=0).clean("") == 0
    assert CountWidget().clean(None) is None
    assert CountWidget().clean("1,234") == 1234


@pytest.mark.django_db
def test_a_row_naming_two_stored_records_is_refused_in_words():
    site = SiteFactory(name="东湖社区")
    kind = FacilityKind.objects.get(name="博爱书屋")
    Facility.objects.bulk_create([Facility(site=site, kind=kind, name="博爱书屋") for _ in range(2)])
    result = imported(PlainWidgetsResource(), [["东湖社区", "博爱书屋", "博爱书屋", "2025-03-01", "60"]])

    message = chinese("More than one stored %(model)s has the same %(columns)s as this row; tell them apart in the "
                      "admin first.", model="设施", columns="站点、名称")
    assert errors_by_row(result) == {2: {"__all__": [message]}}


@pytest.mark.django_db
def test_columns_without_a_header_and_without_values_do_not_count():
    SiteFactory(name="东湖社区")
    dataset = tablib.Dataset(["东湖社区", "博爱广场", "博爱广场", "2025-03-01", "1200", None],
                             headers=[*HEADERS, None])
    with override("zh-hans"):
        result = PlainWidgetsResource().import_data(dataset, dry_run=True)
    assert not result.has_errors() and not result.has_validation_errors()
