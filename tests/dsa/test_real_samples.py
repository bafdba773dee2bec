"""The reader on the TDB's real format: three real CSV parts of 2024-03-14 (skipped when the
samples are not beside the project)."""

from __future__ import annotations

import json

from dsa_test_helpers import pack_day, truth

from scoring.dsa.importer import import_dumps
from scoring.dsa.status import status


def test_real_parts_loose(real_samples, data_dir):
    [result] = import_dumps(real_samples, data_dir)
    # 150 rows; the first two rows of part 00000-00000 are one statement (same uuid).
    assert (result.rows_read, result.statements) == (150, 149)
    assert (result.ncii_specific, result.ncii_broad) == (0, 0)
    got = {p["platform_name"]: (p["slug"], p["statements"]) for p in status(data_dir)["platforms"]}
    assert got == {name: ({"TikTok": "tiktok", "Snapchat": "snapchat"}.get(name), c["statements"])
                   for name, c in truth(real_samples).items()}
    assert got["TikTok"] == ("tiktok", 48)
    assert status(data_dir)["days"][0]["schema"] == "v1"


def test_real_parts_as_a_zip_of_zips(real_samples, data_dir, tmp_path):
    texts = {p.name: p.read_text(encoding="utf-8") for p in real_samples}
    stem = "sor-global-2024-03-14-full"
    parts: dict[int, list[tuple[int, str]]] = {}
    for name, text in texts.items():
        part, sub = (int(x) for x in name.removesuffix(".csv").split("-")[-2:])
        parts.setdefault(part, []).append((sub, text))
    dump = pack_day(tmp_path / "dumps", stem, parts)
    [result] = import_dumps([dump], data_dir)
    assert (result.rows_read, result.statements) == (150, 149)
    assert status(data_dir)["days"][0]["files"][0]["name"] == dump.name


def test_real_status_json_via_cli(real_samples, run_tada):
    assert run_tada("dsa", "import", *map(str, real_samples)).exit_code == 0
    data = json.loads(run_tada("dsa", "status", "--json").output)
    assert sum(p["statements"] for p in data["platforms"]) == 149
    assert [f["name"] for f in data["days"][0]["files"]] == [p.name for p in real_samples]
