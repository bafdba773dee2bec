"""``tada evidence`` and ``tada verify`` from the command line."""

from __future__ import annotations

from click.testing import CliRunner

from tada.cli import cli


def test_evidence_then_verify(evidence_data, tmp_path):
    runner = CliRunner()
    out = tmp_path / "packs"
    built = runner.invoke(cli, ["--data-dir", str(evidence_data.root), "evidence",
                                "--platform", "lihkg", "--platform", "pornhub", "--out", str(out),
                                "--organisation", "Example Advocacy HK",
                                "--contact", "Case Officer"])
    assert built.exit_code == 0, built.output
    zip_path = out / "evidence-2023-04-30-lihkg+pornhub.zip"
    assert zip_path.is_file()
    assert "tada verify" in built.output
    info = (out / "evidence-2023-04-30-lihkg+pornhub" / "bag-info.txt").read_text("utf-8")
    assert "Contact-Name: Case Officer" in info
    checked = runner.invoke(cli, ["verify", str(zip_path)])
    assert checked.exit_code == 0 and "VALID" in checked.output


def test_unknown_platform_is_a_clear_error(evidence_data, tmp_path):
    result = CliRunner().invoke(cli, ["--data-dir", str(evidence_data.root), "--lang", "zh-Hant",
                                      "evidence", "--platform", "myspace", "--out",
                                      str(tmp_path)])
    assert result.exit_code == 2
    shown = result.output + str(result.exception or "")
    assert "未知的平台 'myspace'" in shown   # in the language asked for, no traceback
    assert "Traceback" not in shown
