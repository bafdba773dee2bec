"""What ``tada ingest`` and ``tada score`` load before any data work: not the crawler's CSS
selector engine, nor the DSA import's CSV reader (Polars, PyArrow, NumPy), which they never
use and which take a good part of a second to import."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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
