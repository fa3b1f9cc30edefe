"""zh-hans is the default language and must be complete: every text of the code has a Chinese translation."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = Path("locale") / "zh_Hans" / "LC_MESSAGES" / "django.po"
SOURCES = ("manage.py", "redcross", "projects", "training", "publicity", "templates", "locale")


def msgfmt_statistics(po: Path, output: Path) -> str:
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", str(output), str(po)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stderr


def test_the_committed_chinese_catalogue_is_complete_and_compiled(tmp_path):
    compiled = tmp_path / "django.mo"
    stats = msgfmt_statistics(ROOT / CATALOGUE, compiled)
    assert "untranslated" not in stats and "fuzzy" not in stats, stats
    committed = (ROOT / CATALOGUE).with_suffix(".mo").read_bytes()
    assert compiled.read_bytes() == committed, "run `make messages` and commit the .mo file"


def test_every_text_of_the_code_is_in_the_chinese_catalogue(tmp_path):
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    env = {**os.environ, "DEBUG": "1", "PYTHONPATH": str(tmp_path)}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--no-location", "-v", "0"],
        cwd=tmp_path, env=env, check=True, capture_output=True,
    )
    stats = msgfmt_statistics(tmp_path / CATALOGUE, tmp_path / "check.mo")
    assert "untranslated" not in stats and "fuzzy" not in stats, f"texts without a translation: {stats}"
