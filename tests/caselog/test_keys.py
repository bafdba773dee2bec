"""Key safety, and pseudonyms computed in SQL equal to the Python HMAC of earlier versions."""

from __future__ import annotations

import duckdb
import pytest

from core.errors import TadaError
from core.paths import DataDir
from scoring.caselog.ingest import ingest
from scoring.caselog.pseudonym import Pseudonymiser

REFS = [("CASE-001", "1"), ("個案 二", "項目/3"), ("  padded\u3000", "x"), ("a\x1fb", ""),
        ("é" * 300, "ß"), ("0", "0")]
URLS = ["https://t.me/example/1", "HTTPS://T.ME/Chan/1#frag", "http://User@WWW.Example.com:8080",
        "https://m.lihkg.com/thread/9?page=2&x=%20#top", "https://example.org/a?",
        "https://[2001:db8::1]:443/p", "https://xn--fiq228c.example/路徑?q=連登",
        "https://t.me/a\tb"]


def _table(data_dir: DataDir) -> list[tuple]:
    con = duckdb.connect(str(data_dir.warehouse), read_only=True)
    try:
        return con.execute("SELECT item_key, case_key, content_digest, reported_at FROM items "
                           "ORDER BY reported_at").fetchall()
    finally:
        con.close()


def _log(make_row, case_log, urls=URLS):
    rows = [make_row(case_ref=c, item_ref=f"{i}-{item}", content_url=url, platform="",
                     reported_at=f"2022-01-{i + 1:02d} 10:00", first_response_at="",
                     removed_at="", outcome="pending")
            for i, ((c, item), url) in enumerate(zip(REFS * 2, urls, strict=False))]
    return case_log(rows), rows


@pytest.mark.parametrize("key", [bytes(range(32)), b"\xff" * 16, bytes(range(100))])
def test_sql_pseudonyms_equal_python_hmac(make_row, case_log, data_dir, key):
    data_dir.ensure()
    data_dir.secret_key_path.write_text(key.hex() + "\n")
    path, rows = _log(make_row, case_log)
    ingest(path, data_dir)
    p = Pseudonymiser(key)
    expected = [(p.item(r["case_ref"].strip(), r["item_ref"].strip()),
                 p.case(r["case_ref"].strip()), p.content(r["content_url"].replace("\t", "")))
                for r in rows]
    assert [row[:3] for row in _table(data_dir)] == expected


def test_a_lost_key_is_refused_not_replaced(make_row, case_log, data_dir, run_tada):
    path, _ = _log(make_row, case_log)
    ingest(path, data_dir)
    before = _table(data_dir)
    data_dir.secret_key_path.unlink()
    result = run_tada("ingest", str(path))
    assert result.exit_code == 2
    assert "secret.key" in result.output and "backup" in result.output
    assert not data_dir.secret_key_path.exists()
    assert _table(data_dir) == before
    zh = run_tada("ingest", str(path), lang="zh-Hant")
    assert zh.exit_code == 2 and "備份" in zh.output


def test_another_key_is_refused(make_row, case_log, data_dir):
    path, _ = _log(make_row, case_log)
    ingest(path, data_dir)
    before = _table(data_dir)
    data_dir.secret_key_path.write_text(bytes(range(32)).hex() + "\n")
    with pytest.raises(TadaError, match="not the key"):
        ingest(path, data_dir)
    assert _table(data_dir) == before
    con = duckdb.connect(str(data_dir.warehouse), read_only=True)
    (fingerprint,), = con.execute("SELECT fingerprint FROM key_fingerprint").fetchall()
    con.close()
    assert bytes(range(32)).hex() not in fingerprint and len(fingerprint) == 64


@pytest.mark.parametrize("make_bad,needle", [
    (lambda p: p.mkdir(), "not a regular file"),
    (lambda p: p.symlink_to(p.parent / "nowhere.key"), "cannot be read"),
    (lambda p: p.write_bytes(b"0" * 100_000), "too large"),
])
def test_secret_key_of_the_wrong_type_or_size(make_row, case_log, data_dir, run_tada,
                                              make_bad, needle):
    data_dir.ensure()
    make_bad(data_dir.secret_key_path)
    result = run_tada("ingest", str(case_log([make_row()])))
    assert result.exit_code == 2 and needle in result.output, result.output
    assert not data_dir.warehouse.exists()
