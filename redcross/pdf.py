"""PDF files drawn by WeasyPrint: the rosters, certificates and summary reports.

WeasyPrint is imported only when a PDF is drawn (it is slow to load, and a web process that never draws one should
not pay for it). Each thread keeps one font configuration: without it every document builds its own fontconfig
configuration and Pango font map and loads the CJK fonts again; Pango font maps are not shared between threads.
Nothing is fetched while drawing: a document may use inline data only.
"""

import threading

import segno

_fonts = threading.local()


def font_config():
    if not hasattr(_fonts, "config"):
        from weasyprint.text.fonts import FontConfiguration

        _fonts.config = FontConfiguration()
    return _fonts.config


def pdf_bytes(html: str) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    document = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"}))
    return document.write_pdf(font_config=font_config())


def qr_data_uri(url: str) -> str:
    """A QR code of `url` as an SVG `data:` URI, for a document's `<img>`."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)
