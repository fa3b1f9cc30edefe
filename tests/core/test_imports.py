"""What a web process loads at start, and what the PDF renderers keep between documents."""

import os
import subprocess
import sys
import threading
from pathlib import Path

from redcross import pdf

ROOT = Path(__file__).resolve().parents[2]
LOAD_URLCONF = """
import sys
import django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns
loaded = sorted(name for name in sys.modules if name.split(".")[0] == "weasyprint")
assert not loaded, loaded
"""


def test_loading_the_urlconf_does_not_import_weasyprint():
    # A fresh interpreter: this test process may have imported WeasyPrint already for another test.
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "redcross.settings"}
    result = subprocess.run([sys.executable, "-c", LOAD_URLCONF], cwd=ROOT, env=environment, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_documents_of_one_thread_share_one_font_configuration():
    assert pdf.font_config() is pdf.font_config()
    other_thread = []
    worker = threading.Thread(target=lambda: other_thread.append(pdf.font_config()))
    worker.start()
    worker.join()
    assert other_thread[0] is not pdf.font_config()
