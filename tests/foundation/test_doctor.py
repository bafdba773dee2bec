"""``tada doctor``: a healthy machine and one missing everything, in both languages."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tada.cli import cli

pytest.importorskip("scrapy_playwright")


def _doctor(data_dir: Path, lang: str):
    return CliRunner().invoke(cli, ["--data-dir", str(data_dir), "--lang", lang, "doctor"],
                              catch_exceptions=False)


@pytest.fixture
def healthy(tmp_path, monkeypatch, cjk_font_file):
    chromium = tmp_path / "bin" / "chromium"
    chromium.parent.mkdir()
    chromium.write_text("#!/bin/sh\n")
    chromium.chmod(0o755)
    monkeypatch.setenv("TADA_CHROMIUM", str(chromium))
    monkeypatch.setenv("TADA_CJK_FONT", str(cjk_font_file))
    data = tmp_path / "var"
    data.mkdir()
    (data / "secret.key").write_bytes(os.urandom(32))
    (data / "secret.key").chmod(0o600)
    return data


@pytest.fixture
def broken(tmp_path, monkeypatch, no_cjk_fonts):
    """No font, no Chromium, no scrapy-playwright, a data directory that cannot be written
    (its parent is a file) and a secret.key that others can read."""
    monkeypatch.setenv("TADA_CHROMIUM", str(tmp_path / "no-such-chromium"))
    monkeypatch.setitem(sys.modules, "scrapy_playwright", None)  # as if not installed
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a directory")
    return blocker / "var"


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_healthy(healthy, lang):
    result = _doctor(healthy, lang)
    assert result.exit_code == 0, result.output
    summary = {"en": "System check: 8 of 8 work", "zh-Hant": "系統檢查：8 項中 8 項正常"}[lang]
    assert summary in result.output
    assert ("works" if lang == "en" else "正常") in result.output
    assert "MISSING" not in result.output and "缺少" not in result.output


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_missing_everything_optional_and_an_unwritable_data_dir(broken, lang):
    result = _doctor(broken, lang)
    assert result.exit_code == 1, result.output  # a required check failed
    out = result.output
    sudo = "" if os.geteuid() == 0 else "sudo "
    for fix in (f"{sudo}apt-get install -y fonts-noto-cjk", f"{sudo}apt-get install -y chromium",
                "pip install -e '.[js]'"):
        assert fix in out, fix  # in the summary lines, never wrapped
    if lang == "en":
        assert "System check: 4 of 8 work" in out
        assert "Missing (required): Write access to the data directory" in out
        assert "Missing (optional): Chinese (CJK) font" in out
    else:
        assert "系統檢查：8 項中 4 項正常" in out
        assert "缺少（必需）：資料目錄可寫入" in out and "缺少（可選）：中文（CJK）字型" in out


def test_secret_key_readable_by_others_is_required(healthy):
    (healthy / "secret.key").chmod(0o644)
    result = _doctor(healthy, "en")
    assert result.exit_code == 1
    assert f"chmod 600 {healthy / 'secret.key'}" in result.output


def test_only_optional_missing_still_exits_0(healthy, monkeypatch, no_cjk_fonts):
    monkeypatch.delenv("TADA_CJK_FONT", raising=False)
    result = _doctor(healthy, "en")
    assert result.exit_code == 0
    assert "Missing (optional): Chinese (CJK) font" in result.output
