"""The NCII definition is a validated, versioned data file; declarations map TDB names."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from dsa_test_helpers import BROAD, SPECIFIC

from core.paths import PLATFORMS_DIR
from core.registry import DeclarationError, load_registry
from scoring.dsa.definition import DEFAULT_PATH, load
from scoring.dsa.errors import DefinitionError


def test_shipped_definition():
    d = load()
    assert d.id == "tada-dsa-ncii" and d.version
    assert {name for kind, name in d.terms() if kind == "specific"} == SPECIFIC
    assert {name for kind, name in d.terms() if kind == "broad"} == BROAD
    assert d.schema_for(dt.date(2025, 6, 30)) == "v1"
    assert d.schema_for(dt.date(2025, 7, 1)) == "v2"


def _write(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "dsa-ncii.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(("change", "key"), [
    (lambda d: d["specific"].update(v2=["NON_CONSENSUAL"]), "specific.v2"),
    (lambda d: d["broad"].update(v1=["KEYWORD_NON_CONSENSUAL_IMAGE_SHARING"]), "broad.v1"),
    (lambda d: d["broad"].update(v1=[]), "broad.v1"),
    (lambda d: d.pop("specific"), "specific"),
    (lambda d: d.update(schema_v2_from="July"), "schema_v2_from"),
    (lambda d: d.update(colour="red"), "colour"),
    (lambda d: d.pop("version"), "version"),
])
def test_a_bad_definition_names_the_key(tmp_path, change, key):
    path = _write(tmp_path, change)
    with pytest.raises(DefinitionError) as caught:
        load(path)
    assert caught.value.key == key and str(path) in str(caught.value)


def _declarations(tmp_path: Path, **extra) -> Path:
    folder = tmp_path / "platforms"
    folder.mkdir()
    for slug, names in extra.items():
        (folder / f"{slug}.yaml").write_text(yaml.safe_dump(
            {"name": {"en": slug}, "category": "social_media", "domains": [f"{slug}.example"],
             "dsa_names": names}), encoding="utf-8")
    return folder


def test_dsa_names_in_declarations(tmp_path):
    registry = load_registry(_declarations(tmp_path, one=["One", "One Lite"], two=["Two"]))
    assert registry["one"].dsa_names == ("One", "One Lite")
    shipped = {n: p.slug for p in load_registry(PLATFORMS_DIR).values()
               for n in p.dsa_names}
    assert shipped["TikTok"] == "tiktok" and shipped["Snapchat"] == "snapchat"


@pytest.mark.parametrize("names", [{"one": "One", "two": ["Two"]},
                                   {"one": ["Same"], "two": ["Same"]}])
def test_bad_dsa_names(tmp_path, names):
    with pytest.raises(DeclarationError) as caught:
        load_registry(_declarations(tmp_path, **names))
    assert caught.value.key == "dsa_names"
