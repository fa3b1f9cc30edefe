"""Every spreadsheet and CSV the portal writes holds what people typed as inert text, never as a formula.

A text such as `=HYPERLINK("http://x","y")`, `+1+1`, `-1+1`, `@SUM(A1)`, or one that starts with a tab or a carriage
return, is run as a formula by Excel or LibreOffice when it lands in a cell as it stands (OWASP, "CSV Injection").
Names, titles and places come from the public and from imports, so every writer goes through this module:

- .xlsx: each text is stored as a text cell (`data_type "s"`), so that it shows exactly as typed and is never
  evaluated; openpyxl would otherwise store any text that starts with "=" as a formula (and "#N/A" as an error).
  Numbers and dates keep their types, so a negative amount is still a number. The portal writes values, never
  formulas of its own: `xlsx_bytes` turns a workbook into a file and re-types every text cell on the way.
- .csv has no types: a text that starts with one of `FORMULA_STARTS` gets a leading apostrophe (`csv_text`),
  which spreadsheet programs read as "this is text". Numbers are written as they are. The apostrophe stays in the
  text if the file is imported again.
- django-import-export's admin exports: `redcross.importing.StrictResource` applies `csv_text` to every column that
  is not a number when the file is a text format, and hands an `InertDataset` over, whose .xlsx is written by
  `xlsx_bytes`.

django-import-export's own IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT is not used: it deletes a leading "=" (so the
text changes), leaves "+", "-", "@", tab and carriage return alone, and turns every number into text.
"""

import io

import tablib
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value):
    """The value as a CSV field: a text that a spreadsheet would run as a formula behind an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def printable(values) -> list:
    """A row's values with the control characters a .xlsx cannot hold taken out of its texts.

    Input refuses them today; a row stored before that, or written around the services, must not make the whole
    file fail.
    """
    return [ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value for value in values]


def xlsx_bytes(workbook: Workbook) -> bytes:
    """The .xlsx file of a workbook whose every text is a text cell, whatever it starts with."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class InertDataset(tablib.Dataset):
    """A dataset whose .xlsx export holds its texts as text cells.

    tablib lays the sheet out (bold header, frozen first row, column widths) and lets openpyxl turn a text that
    starts with "=" into a formula; the sheet is read back and written by `xlsx_bytes`.
    """

    @classmethod
    def of(cls, dataset: tablib.Dataset) -> "InertDataset":
        return cls(*dataset, headers=dataset.headers, title=dataset.title)

    def export(self, format, **kwargs):
        content = super().export(format, **kwargs)
        if format != "xlsx":
            return content
        return xlsx_bytes(load_workbook(io.BytesIO(content)))
