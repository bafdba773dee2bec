"""A public pack never holds a suppressed count; a RESTRICTED one holds exact counts only
as per-platform aggregates, never a key, host or digest from the warehouse."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from evidence.build import build_pack
from evidence.errors import MissingInput


def _texts(pack: Path, helpers) -> dict[str, str]:
    out = {}
    for path in sorted(p for p in pack.rglob("*") if p.is_file()):
        rel = path.relative_to(pack).as_posix()
        if path.suffix == ".pdf":
            out[rel] = helpers.pdf_text(path)
        elif path.name.endswith(".warc.gz"):
            out[rel] = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        else:
            out[rel] = path.read_text(encoding="utf-8", errors="replace")
    return out


def _hidden(evidence_fixtures) -> set[str]:
    _archive, public = evidence_fixtures
    return {str(public.SECRETS[s][c]) for s in public.SECRETS for c in ("items", "removed")}


def test_no_suppressed_count_in_a_public_pack(public_pack, evidence_fixtures, helpers):
    hidden = _hidden(evidence_fixtures)
    assert hidden == {"437", "329", "595", "521"}
    for rel, text in _texts(public_pack.path, helpers).items():
        leaked = hidden & helpers.tokens(text)
        assert not leaked, f"{rel} shows suppressed count(s) {leaked}"
    report = helpers.pdf_text(public_pack.path / "data" / "report.pdf")
    assert report.count("suppressed / 已隱藏") >= 10


def test_restricted_pack_has_the_exact_counts(restricted_pack, evidence_fixtures, helpers):
    texts = _texts(restricted_pack.path, helpers)
    assert _hidden(evidence_fixtures) <= helpers.tokens(texts["data/report.pdf"])
    exact = texts["data/metrics/exact_counts_RESTRICTED.csv"]
    assert "lihkg,43,437,329,61,30,17" in exact
    assert "telegram,73,595,521,44,19,11" in exact
    assert "bing,0,0,0,0,0,0" in exact
    for rel, text in texts.items():
        for private in ("content.example", "item-lihkg", "case-lihkg", "digest,"):
            assert private not in text, f"{rel} holds {private!r} from the warehouse"


def test_a_public_pack_never_opens_the_warehouse(data_copy, tmp_path):
    data_copy.warehouse.unlink()
    result = build_pack(data_copy, ["lihkg"], out_dir=tmp_path / "out")
    assert (result.path / "data" / "report.pdf").is_file()
    with pytest.raises(MissingInput, match="warehouse"):
        build_pack(data_copy, ["lihkg"], out_dir=tmp_path / "out2", restricted=True)
    assert not (tmp_path / "out2").exists() or not any((tmp_path / "out2").iterdir())
