"""The one reader of the archive's JSON-lines files, used by every stage."""

from __future__ import annotations

import pytest

from core.jsonl import ArchiveLineError, iter_jsonl


def test_a_trailing_fragment_is_skipped(tmp_path):
    path = tmp_path / "items.jsonl"
    path.write_text('{"a": 1}\n\n{"b": 2}\n{"c": ', encoding="utf-8")
    assert list(iter_jsonl(path)) == [(1, {"a": 1}), (3, {"b": 2})]


@pytest.mark.parametrize("damaged", ['{"b": ', "[1, 2]"])
def test_damage_before_the_end_names_file_and_line(tmp_path, damaged):
    path = tmp_path / "items.jsonl"
    path.write_text(f'{{"a": 1}}\n{damaged}\n{{"c": 3}}\n', encoding="utf-8")
    with pytest.raises(ArchiveLineError, match=r"items\.jsonl, line 2"):
        list(iter_jsonl(path))


def test_an_absent_file_has_no_records(tmp_path):
    assert list(iter_jsonl(tmp_path / "missing.jsonl")) == []
