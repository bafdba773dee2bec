"""Issue 16 item 7 (dashboard): downloads made once per version of public.duckdb, language
links built from the route, and a Content-Security-Policy on every response."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import threading
from pathlib import Path

import duckdb
import pytest

from dashboard import exports, router
from dashboard.app import create_app
from dashboard.db import PublicDB

OFF_SITE = ["//evil.example/x", "/\\evil.example/x", "//evil.example/%2F..", "/\t/evil.example",
            "https://evil.example/x", "/platform/facebook//evil.example"]


def _links(component) -> list[str]:
    found = []
    if isinstance(component, list | tuple):
        for c in component:
            found += _links(c)
        return found
    if component is None or isinstance(component, str | int | float):
        return found
    if getattr(component, "id", None) in ("lang-en", "lang-zh-Hant-HK") and \
            hasattr(component, "href"):
        found.append(component.href)
    return found + _links(getattr(component, "children", None))


@pytest.mark.parametrize("path", OFF_SITE)
@pytest.mark.parametrize("search", ["", "?lang=zh-Hant"])
def test_language_links_never_leave_the_site(benign_public: Path, path: str, search: str):
    links = _links(router.render_page(PublicDB(benign_public), path, search))
    assert len(links) == 1
    assert re.fullmatch(r"/[A-Za-z0-9_./~-]*(\?.*)?", links[0]) and \
        not links[0].startswith("//"), links[0]
    assert "evil" not in links[0]


def test_language_links_of_real_pages_keep_the_page(benign_public: Path):
    links = _links(router.render_page(PublicDB(benign_public), "/platform/facebook", ""))
    assert links == ["/platform/facebook?lang=zh-Hant"]


@pytest.fixture
def counted(monkeypatch) -> list[tuple[str, str]]:
    made: list[tuple[str, str]] = []
    real = exports.export_scorecards

    def counting(public_db, out, formats, lang=None):
        made.append((formats[0], lang))
        return real(public_db, out, formats, lang)

    monkeypatch.setattr(exports, "export_scorecards", counting)
    return made


def test_concurrent_downloads_share_one_export(benign_public: Path, tmp_path: Path, counted):
    db = tmp_path / "public.duckdb"
    shutil.copyfile(benign_public, db)
    server = create_app(db).server
    bodies: list[bytes] = []

    def fetch(name: str) -> None:
        got = server.test_client().get(f"/download/{name}")
        assert got.status_code == 200
        bodies.append(got.data)

    names = ["scorecard_platform.csv", "policy_elements.csv", "scorecards-csv.zip"] * 7
    threads = [threading.Thread(target=fetch, args=(n,)) for n in names[:20]]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(bodies) == 20
    assert counted == [("csv", "en")]  # twenty requests, one export
    client = server.test_client()
    client.get("/download/scorecards.xlsx")
    client.get("/download/scorecards.xlsx")
    client.get("/download/scorecards.xlsx?lang=zh-Hant")
    assert counted == [("csv", "en"), ("xlsx", "en"), ("xlsx", "zh-Hant-HK")]


def test_a_new_database_is_exported_afresh(benign_public: Path, tmp_path: Path, counted):
    db = tmp_path / "public.duckdb"
    shutil.copyfile(benign_public, db)
    client = create_app(db).server.test_client()
    before = client.get("/download/scorecard_platform.csv").data
    assert b"Renamed" not in before
    fresh = tmp_path / "next.duckdb"  # as tada score does: a new file moved into place
    shutil.copyfile(benign_public, fresh)
    con = duckdb.connect(str(fresh))
    con.execute("UPDATE scorecard_platform SET name_en = 'Renamed' WHERE slug = 'imgur'")
    con.close()
    os.replace(fresh, db)
    after = client.get("/download/scorecard_platform.csv").data
    assert b"Renamed" in after
    assert client.get("/download/scorecard_platform.csv").data == after
    assert len(counted) == 2


def test_a_download_is_what_tada_export_writes(benign_public: Path, tmp_path: Path):
    client = create_app(benign_public).server.test_client()
    out = tmp_path / "out"
    exports.export_scorecards(benign_public, out, ["csv"])
    assert client.get("/download/metrics_by_period.csv").data == \
        (out / "metrics_by_period.csv").read_bytes()


def _inline_script_hashes(html: str) -> set[str]:
    hashes = set()
    for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
        if "src=" in attrs or "application/json" in attrs:
            continue
        digest = hashlib.sha256(body.encode("utf-8")).digest()
        hashes.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return hashes


@pytest.mark.parametrize("path", ["/", "/platform/facebook?lang=zh-Hant", "/no-such-page",
                                  "/download/scorecard_platform.csv", "/_dash-layout"])
def test_every_response_has_a_content_security_policy(benign_public: Path, path: str):
    client = create_app(benign_public).server.test_client()
    got = client.get(path)
    policy = got.headers.get("Content-Security-Policy", "")
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    script = directives["script-src"]
    assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script
    assert "*" not in policy and "http:" not in policy and "https:" not in policy
    if got.mimetype == "text/html":
        inline = _inline_script_hashes(got.get_data(as_text=True))
        assert inline and inline <= set(script.split()), "an inline script is not allowed"
