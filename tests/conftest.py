"""Fixtures shared by every area's tests."""

from __future__ import annotations

import csv
import importlib.util
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from core.paths import DataDir
from tada.cli import cli


def _register_area_helpers() -> None:
    """Each area's ``helpers.py`` as the module ``<area>_test_helpers``: the tests import from
    there (the test folders are not packages)."""
    for path in sorted(Path(__file__).parent.glob("*/helpers.py")):
        name = f"{path.parent.name}_test_helpers"
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)


_register_area_helpers()

CASE_LOG_HEADER = ("case_ref", "item_ref", "platform", "content_url", "reported_at",
                   "first_response_at", "removed_at", "outcome", "channel", "follow_ups",
                   "victim_gender", "perpetrator_relation")


@pytest.fixture
def data_dir(tmp_path: Path) -> DataDir:
    return DataDir(tmp_path / "var")


@pytest.fixture
def run_tada(data_dir: DataDir) -> Callable[..., Result]:
    """Run the ``tada`` command in-process against the test's data directory."""

    def run(*args: str, lang: str = "en") -> Result:
        return CliRunner().invoke(cli, ["--data-dir", str(data_dir.root), "--lang", lang, *args],
                                  catch_exceptions=False)

    return run


def item_row(**overrides: str) -> dict[str, str]:
    """A valid case-log row; override any column."""
    row = {
        "case_ref": "CASE-001", "item_ref": "1", "platform": "Telegram",
        "content_url": "https://t.me/example/1", "reported_at": "2022-01-03 10:00",
        "first_response_at": "2022-01-03 12:00", "removed_at": "2022-01-04 10:00",
        "outcome": "removed", "channel": "email", "follow_ups": "0",
        "victim_gender": "female", "perpetrator_relation": "unknown",
    }
    row.update(overrides)
    return row


def write_case_log(path: Path, rows: list[dict[str, str]], encoding: str = "utf-8",
                   header: tuple[str, ...] = CASE_LOG_HEADER) -> Path:
    with path.open("w", newline="", encoding=encoding) as fh:
        writer = csv.DictWriter(fh, fieldnames=header, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def make_row() -> Callable[..., dict[str, str]]:
    return item_row


@pytest.fixture
def case_log(tmp_path: Path) -> Callable[..., Path]:
    """Write rows to a CSV case log in the test's directory and return its path."""

    def write(rows: list[dict[str, str]], name: str = "log.csv", **kwargs: object) -> Path:
        return write_case_log(tmp_path / name, rows, **kwargs)

    return write


def write_fontconfig_without_cjk(folder: Path) -> Path:
    """A fontconfig file: the system's configuration with every font that covers Chinese
    rejected, so the toolkit sees a machine without a CJK font."""
    import shutil
    import subprocess

    exe = shutil.which("fc-list")
    if exe is None:
        pytest.skip("fontconfig's fc-list is not installed")
    files = sorted(set(subprocess.run([exe, "--format", "%{file}\n", ":lang=zh-tw"],
                                      capture_output=True, text=True, check=True
                                      ).stdout.split()))
    globs = "".join(f"<glob>{f}</glob>" for f in files)
    folder.mkdir(parents=True, exist_ok=True)
    conf = folder / "fonts-without-cjk.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f'<fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<selectfont><rejectfont>{globs}</rejectfont></selectfont>"
        f"<cachedir>{folder / 'cache'}</cachedir></fontconfig>\n", encoding="utf-8")
    left = subprocess.run([exe, ":lang=zh-tw"], capture_output=True, text=True, check=True,
                          env={**os.environ, "FONTCONFIG_FILE": str(conf)}).stdout
    assert not left.strip(), left
    return conf


@pytest.fixture
def no_cjk_fonts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's fontconfig has no CJK font (FONTCONFIG_FILE set; TADA_CJK_FONT unset)."""
    conf = write_fontconfig_without_cjk(tmp_path / "fontconfig")
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    monkeypatch.delenv("TADA_CJK_FONT", raising=False)
    return conf


def make_font(path: Path, chars: str) -> Path:
    """A tiny TrueType font whose character map holds ``chars`` (glyphs are empty)."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    names = [".notdef"] + [f"g{ord(c):x}" for c in chars]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(c): f"g{ord(c):x}" for c in chars})
    empty = TTGlyphPen(None).glyph()
    builder.setupGlyf({name: empty for name in names})
    builder.setupHorizontalMetrics({name: (500, 0) for name in names})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Test", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    builder.save(str(path))
    return path


@pytest.fixture
def cjk_font_file(tmp_path: Path) -> Path:
    """A font file whose character map holds every Chinese character of the report."""
    from evidence.fonts import report_characters

    return make_font(tmp_path / "cjk.ttf", "".join(sorted(report_characters())))


@pytest.fixture
def font_maker() -> Callable[[Path, str], Path]:
    return make_font


# Fixtures that run a whole stage (a Scrapy crawl in a child process, a scored sample, an
# evidence pack, a DSA import, the real pipeline): every test using one is marked ``slow``,
# so ``pytest -m "not browser and not slow"`` is the quick unit run.
SLOW_FIXTURES = frozenset({"kit", "scored_sample", "evidence_data", "public_pack",
                           "restricted_pack", "pipeline_data", "real_public_db", "pack_data",
                           "built_pack", "synthetic_day"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
