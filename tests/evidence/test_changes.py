"""Evidence packs list each platform's policy-element changes within the pack's period."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import SimpleNamespace

from evidence import build_pack
from evidence.changes import pack_changes

_spec = importlib.util.spec_from_file_location(
    "changes_archive_fixture", Path(__file__).parents[1] / "changes" / "archive_fixture.py")
archive_fixture = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(archive_fixture)
change = archive_fixture.change


def _public(**meta: str) -> SimpleNamespace:
    return SimpleNamespace(meta=meta, slugs=["facebook", "lihkg"])


def test_only_significant_changes_of_the_packs_platforms_within_its_period(tmp_path):
    archive = archive_fixture.write(tmp_path / "archive", [
        change("covers_synthetic_media", "no", "yes", fetched_at="2024-03-01T09:00:00Z"),
        change("appeal", "no", "yes", change_id="early", fetched_at="2020-12-31T23:00:00Z"),
        change("hash_matching", "no", "yes", change_id="late",
               fetched_at="2024-06-01T00:00:00Z"),
        change(None, None, None, kind="wording", change_id="w"),
        change("appeal", "no", "yes", change_id="other", platform="discord"),
    ])
    found = pack_changes(archive, _public(reporting_period_start="2021-01",
                                          crawled_at="2024-03-01T09:00:00Z"))
    assert [c["element"] for c in found["facebook"]] == ["covers_synthetic_media"]
    assert set(found) == {"facebook"}
    everything = pack_changes(archive, _public())  # no dates published: no bounds
    assert [c["change_id"] for c in everything["facebook"]] == ["early", change(
        "covers_synthetic_media", 0, 0)["change_id"], "late"]
    assert pack_changes(tmp_path / "empty", _public()) == {}


def test_the_report_lists_the_changes_with_quotes(data_copy, tmp_path, helpers):
    archive_fixture.write(data_copy.archive, [change(
        "covers_synthetic_media", "no", "yes",
        after_quote="This includes images made with artificial intelligence.")])
    pack = build_pack(data_copy, ["facebook", "bing"], out_dir=tmp_path / "packs",
                      organisation="Example Advocacy HK", contact="evidence@example.org")
    text = " ".join(helpers.pdf_text(pack.path / "data" / "report.pdf").split())
    assert "Changes to policy elements in the period" in text
    assert "Covers synthetic (deepfake) images: no → yes" in text
    assert "This includes images made with artificial intelligence." in text
    assert "No policy element changed in the period" in text  # bing has none
