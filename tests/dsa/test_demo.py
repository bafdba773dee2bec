"""``tada demo`` imports a few synthetic DSA days, says they are synthetic, and everything that
shows their figures says so too; a second run imports nothing again."""

from __future__ import annotations

import duckdb
import pytest

from tada.commands import demo

pytestmark = pytest.mark.slow  # the whole demo, twice


def test_demo_imports_synthetic_days_and_says_so(run_tada, data_dir):
    first = run_tada("demo", "--no-serve")
    assert first.exit_code == 0, first.output
    text = " ".join(first.output.split())
    assert "Import SYNTHETIC EU DSA Transparency Database days" in text
    assert f"SYNTHETIC: {len(demo.DSA_DAYS)} days of made-up DSA Transparency Database" in text
    for day in demo.DSA_DAYS:
        assert f"{day.isoformat()} global: imported — {demo.DSA_ROWS:,} rows" in text
        assert (data_dir.dsa_synthetic / f"sor-global-{day.isoformat()}-full.zip.sha1").is_file()
    con = duckdb.connect(str(data_dir.public_db), read_only=True)
    try:
        meta = dict(con.execute("SELECT key, value FROM dsa_meta").fetchall())
        platforms = {r[0] for r in con.execute(
            "SELECT DISTINCT slug FROM dsa_figures WHERE slug IS NOT NULL").fetchall()}
    finally:
        con.close()
    assert meta["synthetic"] == "true" and meta["days"] == str(len(demo.DSA_DAYS))
    assert {"facebook", "instagram"} <= platforms
    pack = next(p for p in data_dir.packs.iterdir() if p.is_dir())
    assert "DSA-Synthetic-Data: true" in (pack / "bag-info.txt").read_text(encoding="utf-8")
    assert (pack / "data" / "metrics" / "dsa_figures.csv").is_file()
    assert (data_dir.exports / "dsa_figures.csv").is_file()

    again = run_tada("demo", "--no-serve")
    assert again.exit_code == 0, again.output
    assert " ".join(again.output.split()).count("already imported from the same files") == \
        len(demo.DSA_DAYS)
