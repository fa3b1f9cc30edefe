"""The Word report: A4, official-document fonts (小标宋 title, 黑体 headings, 仿宋 body) named in the file."""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .. import labels
from .text import body, document_title, table_rows

TITLE_FONT, HEADING_FONT, BODY_FONT = "方正小标宋简体", "黑体", "仿宋_GB2312"


def _font(run, name: str, size: float, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _paragraph(document, text: str, font: str, size: float, *, center=False, indent=True, bold=False):
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph.paragraph_format.line_spacing = Pt(28)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif indent:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    _font(paragraph.add_run(text), font, size, bold)
    return paragraph


def render(data: dict, texts: dict[str, str], made_at) -> bytes:
    """`texts` are the report's sentences (text.sentences), rendered once for the Word and the PDF file."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = document.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)

    _paragraph(document, document_title(data, texts), TITLE_FONT, 22, center=True)
    _paragraph(document, labels.stamp(data, made_at), BODY_FONT, 12, center=True)
    opening, sections = body(data, texts)
    if opening:
        _paragraph(document, opening, BODY_FONT, 16)
    for heading, paragraph in sections:
        if heading:
            _paragraph(document, heading, HEADING_FONT, 16)
        if paragraph:
            _paragraph(document, paragraph, BODY_FONT, 16)

    _paragraph(document, labels.TABLE_HEADING, HEADING_FONT, 16, indent=False)
    rows = table_rows(data)
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    headers = labels.figure_headers(data["period"])
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        _font(cell.paragraphs[0].add_run(text), HEADING_FONT, 10.5)
    for _front, label, current, previous, change, since in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, (label, current, previous, change, since), strict=True):
            _font(cell.paragraphs[0].add_run(text), BODY_FONT, 10.5)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
