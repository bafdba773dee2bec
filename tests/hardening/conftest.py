"""Fixtures for the hardening tests: published databases (one benign, one whose text cells
start like spreadsheet formulas) and an evidence-pack data directory, built from the
dashboard's and the evidence tests' own fixture modules."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import duckdb
import pytest

from core.paths import DataDir

TESTS = Path(__file__).parent.parent
def load_module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


public_fixture = load_module("hardening_public_fixture", TESTS / "dashboard" / "public_fixture.py")
hostile = load_module("hardening_hostile", Path(__file__).with_name("hostile.py"))
sys.modules["hardening_hostile"] = hostile


@pytest.fixture(scope="session")
def benign_public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return public_fixture.build(tmp_path_factory.mktemp("benign") / "public.duckdb")


@pytest.fixture(scope="session")
def hostile_public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = public_fixture.build(tmp_path_factory.mktemp("hostile") / "public.duckdb")
    con = duckdb.connect(str(path))
    try:
        hostile.make_hostile(con)
    finally:
        con.close()
    return path


@pytest.fixture(scope="session")
def evidence_modules() -> tuple[ModuleType, ModuleType]:
    archive = load_module("hardening_fixture_archive", TESTS / "evidence" / "fixture_archive.py")
    public = load_module("hardening_fixture_public", TESTS / "evidence" / "fixture_public.py")
    return archive, public


@pytest.fixture(scope="session")
def pack_data(tmp_path_factory: pytest.TempPathFactory, evidence_modules) -> DataDir:
    """A data directory from which evidence packs can be built."""
    archive, public = evidence_modules
    data = DataDir(tmp_path_factory.mktemp("packdata") / "var").ensure()
    index = archive.build_archive(data.archive)
    public.build_public(data.public_db, index)
    public.build_warehouse(data.warehouse)
    return data


@pytest.fixture
def pack_data_copy(pack_data: DataDir, tmp_path: Path) -> DataDir:
    target = tmp_path / "var"
    shutil.copytree(pack_data.root, target)
    return DataDir(target)


@pytest.fixture(scope="session")
def built_pack(pack_data: DataDir, tmp_path_factory: pytest.TempPathFactory):
    """A small public pack (do not modify; copy it first)."""
    from evidence.build import build_pack

    return build_pack(pack_data, ["facebook", "lihkg"], langs="en",
                      out_dir=tmp_path_factory.mktemp("packs"))
