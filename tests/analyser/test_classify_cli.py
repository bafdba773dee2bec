"""``tada classify`` on files and on pages served from 127.0.0.1, and its errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from crawlers.analysis.analyser import AnalyserError, analyse
from crawlers.analysis.input import DocumentError, load

from .conftest import EN_NCII_POLICY, NCII_FORM, ZH_NCII_POLICY, page


def one_json_object(output: str) -> dict:
    decoder = json.JSONDecoder()
    value, end = decoder.raw_decode(output)
    assert output[end:].strip() == ""  # nothing else on stdout
    assert isinstance(value, dict)
    return value


def test_json_on_a_markdown_file(run_tada, tmp_path):
    path = tmp_path / "rules.md"
    path.write_text(EN_NCII_POLICY, encoding="utf-8")
    result = run_tada("classify", "--json", str(path))
    assert result.exit_code == 0
    data = one_json_object(result.output)
    assert data["prohibits_ncii"] == "yes" and data["stated_response_time_hours"] == 48


def test_html_file_without_extension_is_sniffed(run_tada, tmp_path):
    path = tmp_path / "policy"
    path.write_text(page("<p>We do not allow revenge porn.</p>"), encoding="utf-8")
    data = one_json_object(run_tada("classify", "--json", str(path)).output)
    assert data["prohibits_ncii"] == "yes"
    assert "Report revenge porn" not in json.dumps(data)  # navigation was not analysed


def test_big5_text_file(run_tada, tmp_path):
    path = tmp_path / "rules.txt"
    path.write_bytes(ZH_NCII_POLICY.encode("big5hkscs"))
    data = one_json_object(run_tada("classify", "--json", "--lang", "zh-Hant", str(path)).output)
    assert data["prohibits_ncii"] == "yes" and data["languages"] == ["zh-Hant"]


def test_table_output_is_bilingual(run_tada, tmp_path):
    path = tmp_path / "rules.md"
    path.write_text(ZH_NCII_POLICY, encoding="utf-8")
    zh = run_tada("classify", str(path), lang="zh-Hant").output
    # Cells wrap at the terminal's width, so look for short words only.
    assert "語言" in zh and "24 小時" in zh and "雜湊比對" in zh and "Languages" not in zh
    en = run_tada("classify", str(path)).output
    assert "Languages" in en and "24 hours" in en and "語言" not in en


def test_form_audit_from_a_local_server(run_tada, http_root):
    base, root = http_root
    (root / "report.html").write_text(NCII_FORM, encoding="utf-8")
    data = one_json_object(run_tada("classify", "--json", "--form",
                                    f"{base}/report.html").output)
    assert data["form_present"] and data["captcha"] and data["ncii_option"]


def test_policy_from_a_local_server(run_tada, http_root):
    base, root = http_root
    html = page("<p>我們不容許報復式色情。</p>", "zh-Hant").replace("©", "(c)")
    (root / "policy.html").write_bytes(html.replace('charset="utf-8"', 'charset="big5"')
                                       .encode("big5"))
    data = one_json_object(run_tada("classify", "--json", f"{base}/policy.html").output)
    assert data["prohibits_ncii"] == "yes"
    assert data["evidence"][0]["quote"] == "我們不容許報復式色情。"


def fails(result, pattern: str) -> None:
    """The command stopped with exit code 2 and a plain message (no traceback)."""
    assert result.exit_code == 2, result.output
    assert re.search(pattern, result.output), result.output
    assert "Traceback" not in result.output


def test_url_errors(run_tada, http_root):
    base, root = http_root
    (root / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    fails(run_tada("classify", f"{base}/photo.png"), r"photo\.png: the server sent image/png")
    fails(run_tada("classify", f"{base}/missing.html"), "answered HTTP 404")
    fails(run_tada("classify", "ftp://example.org/terms.html"), "only http:// and https://")
    fails(run_tada("classify", "http://127.0.0.1:9/terms.html"), "could not be fetched")
    with pytest.raises(DocumentError):
        load("https:///no-host")


def test_file_errors(run_tada, tmp_path):
    fails(run_tada("classify", str(tmp_path / "nowhere.html")), r"nowhere\.html: no such file")
    fails(run_tada("classify", str(tmp_path)), "not a file")
    blob = tmp_path / "image.html"
    blob.write_bytes(bytes(range(256)) * 8)
    fails(run_tada("classify", str(blob)), r"image\.html: the text encoding could not be")
    with pytest.raises(DocumentError, match="image.html"):
        load(str(blob))
    ok = tmp_path / "ok.md"
    ok.write_text("x", encoding="utf-8")
    fails(run_tada("classify", "--lang", "klingon", str(ok)),
          "unknown document language 'klingon'")
    with pytest.raises(AnalyserError):
        analyse("x", "klingon", "text")


def test_command_line_prints_errors_plainly(tmp_path):
    missing = tmp_path / "gone.md"
    proc = subprocess.run([sys.executable, "-c", "from tada.cli import main; main()",
                           "--lang", "zh-Hant", "classify", str(missing)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and proc.stdout == ""
    assert f"{missing}：找不到檔案" in proc.stderr and "Traceback" not in proc.stderr
