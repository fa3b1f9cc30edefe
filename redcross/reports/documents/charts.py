"""Small bar charts drawn as SVG, embedded in the PDF (no chart library, no external file)."""

from django.utils.html import escape

WIDTH, BAR_HEIGHT, GAP, LABEL_WIDTH = 470, 18, 8, 130


def bar_chart(title: str, rows: list[tuple[str, float]], unit: str = "") -> str:
    """Horizontal bars, one per (label, value); values written at the end of each bar."""
    largest = max((value for _label, value in rows), default=0) or 1
    height = 28 + len(rows) * (BAR_HEIGHT + GAP)
    room = WIDTH - LABEL_WIDTH - 90
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-label="{escape(title)}">',
        f'<text x="0" y="16" font-size="13" font-weight="bold">{escape(title)}</text>',
    ]
    for index, (label, value) in enumerate(rows):
        y = 28 + index * (BAR_HEIGHT + GAP)
        length = max(1.0, room * (value or 0) / largest)
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 13}" font-size="11" text-anchor="end">{escape(label)}</text>'
        )
        parts.append(f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" fill="#d7000f"/>')
        shown = f"{value:,.2f}" if isinstance(value, float) and not value.is_integer() else f"{int(value or 0):,}"
        parts.append(
            f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{y + 13}" font-size="11">{shown}{escape(unit)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
