"""Spreadsheets as staff upload them, built by the tests."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook


def workbook_upload(workbook: Workbook, name: str = "导入.xlsx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def xlsx(rows: list[list], name: str = "导入.xlsx") -> SimpleUploadedFile:
    """An .xlsx upload whose first sheet holds `rows` (the header row first)."""
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    return workbook_upload(workbook, name)
