"""Case refs and content URLs never enter the warehouse in clear; pseudonyms are keyed."""

from __future__ import annotations

import duckdb
import pytest

from core.paths import DataDir
from scoring.caselog.ingest import ingest
from scoring.caselog.pseudonym import Pseudonymiser

SECRET_REFS = ("VICTIM-CHAN-TAI-MAN-0042", "ITEM-UNIQUE-7781")
SECRET_URL = "https://t.me/private_leak_channel_zz9/123456"


def _log(make_row, case_log):
    return case_log([
        make_row(case_ref=SECRET_REFS[0], item_ref=SECRET_REFS[1], content_url=SECRET_URL),
        make_row(case_ref=SECRET_REFS[0], item_ref="2", platform="",
                 content_url="https://leaks.example.net/album/secret-path-5512"),
    ])


def _warehouse_bytes(data_dir: DataDir) -> bytes:
    files = [data_dir.warehouse, data_dir.warehouse.with_suffix(".duckdb.wal")]
    return b"".join(p.read_bytes() for p in files if p.exists())


def test_no_clear_identifier_anywhere_in_the_warehouse_file(make_row, case_log, data_dir):
    ingest(_log(make_row, case_log), data_dir)
    blob = _warehouse_bytes(data_dir)
    for needle in (*SECRET_REFS, SECRET_URL, "private_leak_channel_zz9", "secret-path-5512"):
        for encoded in (needle.encode(), needle.encode("utf-16-le")):
            assert encoded not in blob, needle
    # The host is kept (it is how an unregistered platform is named), the path is not.
    assert b"leaks.example.net" in blob


def test_pseudonyms_are_stable_under_one_key_and_differ_under_another(make_row, case_log,
                                                                     tmp_path):
    path = _log(make_row, case_log)

    def keys(root):
        data_dir = DataDir(root)
        ingest(path, data_dir)
        con = duckdb.connect(str(data_dir.warehouse), read_only=True)
        rows = con.execute(
            "SELECT item_key, case_key, content_digest FROM items ORDER BY item_key").fetchall()
        con.close()
        return rows, data_dir

    first, first_dir = keys(tmp_path / "a")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "secret.key").write_bytes(first_dir.secret_key_path.read_bytes())
    same_key, _ = keys(tmp_path / "b")
    other_key, _ = keys(tmp_path / "c")
    assert first == same_key
    assert {r[1] for r in first}.isdisjoint({r[1] for r in other_key})
    key = first_dir.secret_key()
    assert first[0][1] == Pseudonymiser(key).case(SECRET_REFS[0])


def test_content_digest_ignores_case_of_host_and_fragment():
    p = Pseudonymiser(b"k" * 32)
    assert p.content("https://T.ME/a/1#top") == p.content("https://t.me/a/1")
    assert p.content("https://t.me/a/1") != p.content("https://t.me/a/2")
    assert p.case("1") != p.item("1", "")


def test_a_damaged_secret_key_is_refused_not_replaced(make_row, case_log, data_dir):
    from core.errors import TadaError

    data_dir.ensure()
    data_dir.secret_key_path.write_text("not-a-key\n")
    with pytest.raises(TadaError, match="secret.key is damaged"):
        ingest(_log(make_row, case_log), data_dir)
    assert not data_dir.warehouse.exists()
    assert data_dir.secret_key_path.read_text() == "not-a-key\n"
