"""What ``tada ingest`` and ``tada score`` load before any data work: not the crawler's CSS
selector engine, nor the DSA import's CSV reader (Polars, PyArrow, NumPy), which they never
use and which take a good part of a second to import. ``tada --help`` imports no command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.i18n import normalise_lang, t
from tada.cli import COMMANDS

ROOT = Path(__file__).resolve().parents[2]
NOT_AT_START = ("soupsieve", "bs4", "polars", "pyarrow", "numpy")
# A fresh interpreter: this test process has imported everything already.
PROBE = """
import json, sys
import tada.commands.ingest, tada.commands.score
from core.paths import PLATFORMS_DIR
from core.registry import load_registry
registry = load_registry(PLATFORMS_DIR)
print(json.dumps({"platforms": len(registry), "modules": sorted(sys.modules)}))
"""


def test_ingest_and_score_start_without_modules_they_never_use():
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    found = json.loads(result.stdout)
    assert found["platforms"] >= 20
    loaded = [name for name in NOT_AT_START if name in found["modules"]]
    assert loaded == []


# `tada --help` as a user runs it, in a fresh interpreter; prints the modules loaded after.
HELP_PROBE = """
import json, sys
from tada.cli import main
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""
# What the commands import and the list of commands must not: each takes a noticeable time.
NOT_FOR_HELP = ("scrapy", "dash", "polars", "openpyxl", "pyarrow", "numpy", "pandas", "duckdb",
                "statsmodels", "plotly", "twisted")


@pytest.mark.parametrize("args, env", [(["--help"], {}),
                                       (["--lang", "zh-Hant", "--help"], {}),
                                       (["--help"], {"TADA_LANG": "zh-Hant"})],
                         ids=["en", "lang-option", "TADA_LANG"])
def test_help_lists_every_command_without_importing_any(args, env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TADA_")}
    result = subprocess.run([sys.executable, "-c", HELP_PROBE, *args], cwd=ROOT,
                            env={**clean, **env}, capture_output=True, text=True, check=True)
    lang = normalise_lang(env.get("TADA_LANG") or (args[1] if args[0] == "--lang" else None))
    commands = result.stdout.split(t("cli.help.heading.commands", lang))[1]
    listed = [line.split(maxsplit=1) for line in commands.splitlines() if line.strip()]
    assert listed == [[name, t(f"cli.help.{name}.short", lang)] for name in COMMANDS]
    modules = json.loads(result.stderr.strip().splitlines()[-1])
    assert [name for name in modules if name.startswith("tada.commands")] == []
    assert [name for name in modules if name.split(".")[0] in NOT_FOR_HELP] == []
