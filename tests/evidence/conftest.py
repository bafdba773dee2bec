"""Fixtures for the evidence-pack tests: a data directory with an archive (§1), a private
warehouse (§2) and a public database (§3), and packs built from it once per session."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import shutil
from pathlib import Path
from types import ModuleType

import pytest

from core.paths import DataDir
from evidence.build import PackResult, build_pack

HERE = Path(__file__).parent
SELECTED = ("bing", "facebook", "lihkg", "pornhub", "telegram")
BAGGING_DATE = dt.date(2024, 5, 1)


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"evidence_{name}", HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fixture_archive = _load("fixture_archive")
fixture_public = _load("fixture_public")


@pytest.fixture(scope="session")
def evidence_fixtures() -> tuple[ModuleType, ModuleType]:
    return fixture_archive, fixture_public


def make_data_dir(root: Path) -> DataDir:
    data = DataDir(root)
    data.ensure()
    index = fixture_archive.build_archive(data.archive)
    fixture_public.build_public(data.public_db, index)
    fixture_public.build_warehouse(data.warehouse)
    return data


@pytest.fixture(scope="session")
def evidence_data(tmp_path_factory: pytest.TempPathFactory) -> DataDir:
    """A complete data directory; copy it (``data_copy``) before changing anything."""
    return make_data_dir(tmp_path_factory.mktemp("evidence") / "var")


@pytest.fixture
def data_copy(evidence_data: DataDir, tmp_path: Path) -> DataDir:
    target = tmp_path / "var"
    shutil.copytree(evidence_data.root, target)
    return DataDir(target)


def _build(data: DataDir, out: Path, restricted: bool = False) -> PackResult:
    return build_pack(data, SELECTED, out_dir=out, restricted=restricted,
                      organisation="Example Advocacy HK", contact="evidence@example.org",
                      bagging_date=BAGGING_DATE)


@pytest.fixture(scope="session")
def public_pack(evidence_data: DataDir, tmp_path_factory: pytest.TempPathFactory) -> PackResult:
    """A public pack for five platforms: do not modify (copy with ``pack_copy``)."""
    return _build(evidence_data, tmp_path_factory.mktemp("packs"))


@pytest.fixture(scope="session")
def restricted_pack(evidence_data: DataDir,
                    tmp_path_factory: pytest.TempPathFactory) -> PackResult:
    return _build(evidence_data, tmp_path_factory.mktemp("restricted"), restricted=True)


@pytest.fixture
def pack_copy(public_pack: PackResult, tmp_path: Path) -> Path:
    target = tmp_path / public_pack.path.name
    shutil.copytree(public_pack.path, target)
    return target


def pdf_text(path: Path) -> str:
    """The PDF's text, each page ended by a form feed (as pdftotext prints it)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    return "".join(page.get_textpage().get_text_range().replace("\r\n", "\n") + "\n\f"
                   for page in document)


def pdf_fonts(path: Path) -> dict[str, bool]:
    """Each font the PDF's text is set in, and whether the font file is embedded."""
    import ctypes

    import pypdfium2
    import pypdfium2.raw as pdfium_c

    found: dict[str, bool] = {}
    for page in pypdfium2.PdfDocument(path):
        for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT], max_depth=8):
            font = pdfium_c.FPDFTextObj_GetFont(obj.raw)
            size = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
            name = ctypes.create_string_buffer(size)
            pdfium_c.FPDFFont_GetBaseFontName(font, name, size)
            found[name.value.decode("latin-1")] = bool(pdfium_c.FPDFFont_GetIsEmbedded(font))
    return found


def tokens(text: str) -> set[str]:
    """Whole numbers standing alone (not part of a digest, date, time or decimal)."""
    return set(re.findall(r"(?<![0-9A-Za-z.,:_-])[0-9][0-9,]*(?![0-9A-Za-z.,:_-])", text))


@pytest.fixture(scope="session")
def helpers() -> ModuleType:
    """pdf_text and tokens for the test modules (which cannot import this conftest)."""
    module = ModuleType("evidence_helpers")
    module.pdf_text = pdf_text
    module.pdf_fonts = pdf_fonts
    module.tokens = tokens
    module.SELECTED = SELECTED
    module.make_data_dir = make_data_dir
    return module
