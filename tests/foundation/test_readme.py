"""The README's two commands are the ones CI and a new user run, and they work on a machine
with Python alone (the demo) or set it up for the tests (the test script)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# What the demo must not need: Poppler's PDF tools and a browser.
STRIPPED = {"pdftotext", "pdftoppm", "pdffonts", "chromium", "chromium-browser",
            "chromedriver", "google-chrome", "google-chrome-stable"}
TEST_PACKAGES = ("chromium", "chromium-driver", "fonts-noto-cjk", "openjdk-17-jre-headless")


def _readme_commands() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", (ROOT / "README.md").read_text(), flags=re.S)
    return [b.strip() for b in blocks[:2]]


def test_first_command_runs_the_demo_and_second_the_tests():
    demo, tests = _readme_commands()
    assert demo.endswith("tada demo") and "pip install -e ." in demo
    assert "\n" not in tests and tests == "./scripts/test"
    script = ROOT / "scripts" / "test"
    assert os.access(script, os.X_OK)
    text = script.read_text()
    for package in TEST_PACKAGES:
        assert re.search(rf"^WANTED=\(.*\b{re.escape(package)}\b", text, re.M), package
    assert "pip install -q -e \".[$EXTRAS]\"" in text and "EXTRAS=test" in text
    assert text.rstrip().endswith('exec .venv/bin/pytest "$@"')


def test_ci_runs_the_readme_test_command_verbatim():
    _, tests = _readme_commands()
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    assert tests in ci_lines


def test_the_test_script_says_what_to_do_without_apt_get(tmp_path):
    """On a system without apt-get it stops first, naming the packages to install."""
    bin_dir = _stripped_path(tmp_path, {"apt-get", "apt-cache", "dpkg-query", "sudo"})
    result = subprocess.run([str(ROOT / "scripts" / "test"), "--version"], cwd=ROOT,
                            env={**os.environ, "PATH": str(bin_dir)}, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 1
    assert "no apt-get" in result.stderr and "fonts-noto-cjk" in result.stderr


def _fresh_checkout(dest: Path) -> Path:
    """The working tree's files as a new clone would have them (nothing ignored, no venv)."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT,
                            check=True, capture_output=True, text=True).stdout.splitlines()
    for name in listed:
        source = ROOT / name
        if source.is_file():
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return dest


def _stripped_path(tmp_path: Path, without: set[str]) -> Path:
    """A PATH directory with every command of this PATH except ``without``."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        if not folder or not Path(folder).is_dir() or ".venv" in folder:
            continue
        for exe in Path(folder).iterdir():
            link = bin_dir / exe.name
            if exe.name in without or link.exists() or not os.access(exe, os.X_OK):
                continue
            link.symlink_to(exe)
    return bin_dir


@pytest.mark.slow
def test_first_command_in_a_fresh_venv_without_pdf_tools_browser_or_cjk_font(tmp_path,
                                                                            no_cjk_fonts):
    """The README's first command in a new venv from a clean copy, with no pdftotext, no
    Chromium and no CJK font: every demo step completes, the pack is English, verified, and
    one bilingual line says what is missing. Then, with the font, the pack is bilingual."""
    demo, _ = _readme_commands()
    checkout = _fresh_checkout(tmp_path / "checkout")
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("VIRTUAL_ENV", "TADA_", "FONTCONFIG_", "PLAYWRIGHT_"))}
    env["PATH"] = str(_stripped_path(tmp_path, STRIPPED))
    env["FONTCONFIG_FILE"] = str(no_cjk_fonts)
    env["TADA_DATA_DIR"] = str(tmp_path / "var")
    result = subprocess.run(demo + " --no-serve", shell=True, cwd=checkout, env=env,
                            capture_output=True, text=True, timeout=1200)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out[-6000:]
    assert "1,342" in result.stdout and "89.0%" in result.stdout
    assert "VALID" in result.stdout and "fails verification" in result.stdout
    font_lines = [line for line in out.splitlines()
                  if "fonts-noto-cjk" in line and "中文字型" in line]
    assert len(font_lines) == 1, out[-6000:]
    assert "English only" in font_lines[0] and "只有英文版" in font_lines[0]
    packs = tmp_path / "var" / "packs"
    (info,) = packs.glob("*/bag-info.txt")
    assert "Report-Languages: en\n" in info.read_text(encoding="utf-8")

    del env["FONTCONFIG_FILE"]
    if not shutil.which("fc-list") or not subprocess.run(
            ["fc-list", ":lang=zh-tw"], env=env, capture_output=True, text=True).stdout.strip():
        return  # no CJK font on this machine: the bilingual half cannot run
    env["TADA_DATA_DIR"] = str(tmp_path / "var-with-font")
    again = subprocess.run(".venv/bin/tada demo --no-serve", shell=True, cwd=checkout, env=env,
                           capture_output=True, text=True, timeout=1200)
    assert again.returncode == 0, (again.stdout + again.stderr)[-6000:]
    assert "fonts-noto-cjk" not in again.stdout + again.stderr
    (info,) = (tmp_path / "var-with-font" / "packs").glob("*/bag-info.txt")
    assert "Report-Languages: en, zh-Hant-HK\n" in info.read_text(encoding="utf-8")
