"""Files are complete or absent; a damaged trailing line is skipped, not fatal."""

from __future__ import annotations

import pytest

from core.jsonl import read_jsonl
from crawlers.atomic import append_line, write_bytes
from crawlers.state import ArchiveState


class Boom(Exception):
    pass



def test_failed_write_leaves_nothing(tmp_path, monkeypatch):
    target = tmp_path / "snapshots" / "ab" / "abcdef"

    def fail(*_args, **_kwargs):
        raise Boom

    monkeypatch.setattr("crawlers.atomic.os.fsync", fail)
    with pytest.raises(Boom):
        write_bytes(target, b"half a page")
    assert not target.exists()
    assert list(target.parent.iterdir()) == []


def test_write_replaces_whole_file(tmp_path):
    target = tmp_path / "a.md"
    write_bytes(target, b"first")
    write_bytes(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_truncated_last_line_is_skipped(tmp_path):
    archive = tmp_path / "archive"
    items = archive / "items.jsonl"
    append_line(items, '{"platform": "a", "document_type": "ncii_policy", "lang": "en", '
                       '"url": "https://a.example/", "outcome": "ok", "content_sha256": "c1", '
                       '"text_sha256": "t1", "version_id": "v1", "etag": "\\"e1\\""}')
    with items.open("a") as fh:
        fh.write('{"platform": "a", "outcome": "o')  # a crash mid-append
    assert len(list(read_jsonl(items))) == 1
    state = ArchiveState(archive)
    last = state.last_fetch(("a", "ncii_policy", "en"), "https://a.example/")
    assert last is not None and last.etag == '"e1"' and last.version_id == "v1"
