"""``tada dsa import --engine spark`` when Spark cannot run: no Java, an old Java, no PySpark, a
master out of reach. Each is a message in both languages, exit 2, and nothing written. Spark
itself is never started here."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest

from core.i18n import t

OLD_JAVA = """#!/bin/sh
echo 'openjdk version "11.0.22" 2024-01-16' >&2
echo 'OpenJDK Runtime Environment (build 11.0.22+7-post-Debian-1deb11u1)' >&2
"""
JAVA_8 = """#!/bin/sh
echo 'java version "1.8.0_392"' >&2
"""


@pytest.fixture
def dump(tmp_path: Path) -> Path:
    """A loose CSV part (never read: every error comes first)."""
    path = tmp_path / "sor-global-2025-08-01-full-00000-00000.csv"
    path.write_text("uuid\n", encoding="utf-8")
    return path


def written(data_dir) -> set[str]:
    """What the data directory holds besides the command line's own lock file."""
    if not data_dir.root.exists():
        return set()
    return {p.name for p in data_dir.root.iterdir()} - {"tada.lock"}


def fake_java(folder: Path, script: str) -> Path:
    (folder / "bin").mkdir(parents=True)
    java = folder / "bin" / "java"
    java.write_text(script, encoding="utf-8")
    java.chmod(0o755)
    return folder


def refused(run_tada, data_dir, dump: Path, *options: str) -> dict[str, str]:
    """The error output in each language, after checking exit 2 and nothing written."""
    out = {}
    for lang in ("en", "zh-Hant"):
        result = run_tada("dsa", "import", "--engine", "spark", *options, str(dump), lang=lang)
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        out[lang] = result.output
    assert written(data_dir) == set()
    return out


def test_no_java_on_path(run_tada, data_dir, dump, tmp_path, monkeypatch):
    monkeypatch.delenv("JAVA_HOME", raising=False)
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    out = refused(run_tada, data_dir, dump)
    assert t("spark.no_java", "en") in out["en"]
    assert t("spark.no_java", "zh-Hant") in out["zh-Hant"]


def test_java_home_without_java(run_tada, data_dir, dump, tmp_path, monkeypatch):
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "no-jdk"))
    out = refused(run_tada, data_dir, dump)
    assert "JAVA_HOME" in out["en"] and str(tmp_path / "no-jdk") in out["en"]
    assert "沒有可執行的 bin/java" in out["zh-Hant"]


@pytest.mark.parametrize(("script", "version"), [(OLD_JAVA, "11"), (JAVA_8, "8")])
def test_old_java(run_tada, data_dir, dump, tmp_path, monkeypatch, script, version):
    home = fake_java(tmp_path / "jdk", script)
    monkeypatch.setenv("JAVA_HOME", str(home))
    out = refused(run_tada, data_dir, dump)
    assert f"is Java {version}; Spark needs Java 17 or newer" in out["en"]
    assert f"是 Java {version}；Spark 需要 Java 17 或更新版本" in out["zh-Hant"]


def test_old_java_on_path(run_tada, data_dir, dump, tmp_path, monkeypatch):
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(fake_java(tmp_path / "jdk", OLD_JAVA) / "bin"))
    out = refused(run_tada, data_dir, dump)
    assert "is Java 11" in out["en"]


def test_pyspark_not_installed(run_tada, data_dir, dump, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyspark", None)  # import pyspark now fails
    out = refused(run_tada, data_dir, dump)
    assert "pip install -e '.[spark]'" in out["en"] and "尚未安裝" in out["zh-Hant"]


def test_master_out_of_reach(run_tada, data_dir, dump):
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    master = f"spark://127.0.0.1:{port}"
    out = refused(run_tada, data_dir, dump, "--master", master)
    assert f"the Spark master {master} cannot be reached" in out["en"]
    assert f"無法連接 Spark 主節點 {master}" in out["zh-Hant"]


def test_yarn_without_its_configuration(run_tada, data_dir, dump, monkeypatch):
    monkeypatch.delenv("HADOOP_CONF_DIR", raising=False)
    monkeypatch.delenv("YARN_CONF_DIR", raising=False)
    out = refused(run_tada, data_dir, dump, "--master", "yarn")
    assert "HADOOP_CONF_DIR" in out["en"] and "YARN_CONF_DIR" in out["zh-Hant"]


def test_load_of_a_folder_without_a_result(run_tada, data_dir, tmp_path):
    result = run_tada("dsa", "load", str(tmp_path))
    assert result.exit_code == 2
    assert "no complete result of the Spark job" in result.output
    assert written(data_dir) == set()
