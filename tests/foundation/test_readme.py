"""The README's two commands are the ones CI and a new user run."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _readme_commands() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", (ROOT / "README.md").read_text(), flags=re.S)
    return [b.strip() for b in blocks[:2]]


def test_first_command_runs_the_demo_and_second_the_tests():
    demo, tests = _readme_commands()
    assert demo.endswith("tada demo") and "pip install -e ." in demo
    assert tests.endswith("pytest") and "[test]" in tests


def test_ci_runs_the_readme_test_command_verbatim():
    _, tests = _readme_commands()
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    assert tests in ci_lines


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


def test_first_command_in_a_fresh_venv(tmp_path):
    """Install into a new venv from a clean copy and run the demo (without serving)."""
    demo, _ = _readme_commands()
    checkout = _fresh_checkout(tmp_path / "checkout")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "TADA_"))}
    env["TADA_DATA_DIR"] = str(tmp_path / "var")
    result = subprocess.run(demo + " --no-serve", shell=True, cwd=checkout, env=env,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "1,342" in result.stdout and "89.0%" in result.stdout
    assert (tmp_path / "var" / "warehouse.duckdb").exists()
