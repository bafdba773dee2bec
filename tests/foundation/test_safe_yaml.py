"""YAML is read one way (``core.safe_yaml``): safely, with libyaml when present, and into the
same objects as PyYAML's pure-Python safe loader."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
import yaml

from core import safe_yaml

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("core", "tada", "crawlers", "scoring", "evidence", "dashboard")
SHIPPED = ("core/*.yaml", "core/locales/*.yaml", "datasets/platforms/*.yaml",
           "crawlers/patterns/*.yaml")
_LOADERS = {"load", "safe_load", "full_load", "unsafe_load", "load_all", "safe_load_all",
            "full_load_all", "unsafe_load_all"}


def _is_direct_load(node: ast.AST) -> bool:
    """``yaml.safe_load`` and the like, called or imported by name."""
    if isinstance(node, ast.Attribute):
        return (node.attr in _LOADERS and isinstance(node.value, ast.Name)
                and node.value.id == "yaml")
    return (isinstance(node, ast.ImportFrom) and node.module == "yaml"
            and any(alias.name in _LOADERS for alias in node.names))


def _direct_loads(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return [f"{path.relative_to(ROOT)}:{node.lineno}" for node in ast.walk(tree)
            if _is_direct_load(node)]


def test_the_project_reads_yaml_only_through_safe_yaml():
    own = ROOT / "core" / "safe_yaml.py"
    found = [hit for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))
             if path != own for hit in _direct_loads(path)]
    assert found == []


def test_libyaml_is_used_when_pyyaml_has_it():
    expected = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader
    assert safe_yaml.LOADER is expected


@pytest.mark.parametrize("pattern", SHIPPED)
def test_shipped_files_give_the_same_objects_as_the_python_loader(pattern):
    paths = sorted(ROOT.glob(pattern))
    assert paths
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert safe_yaml.load(text) == yaml.safe_load(text), path


def test_dates_timestamps_and_scalars_as_the_python_loader():
    text = ("day: 2023-04-30\nat: 2023-04-30T10:00:00+08:00\nnaive: 2023-04-30 10:00:00\n"
            "version: 1.10\nquoted: '2023-04-30'\nflag: yes\noctal: 0o17\nnothing: ~\n"
            "name: 連登\n")
    data = safe_yaml.load(text)
    assert data == yaml.safe_load(text)
    assert data["day"] == dt.date(2023, 4, 30) and type(data["day"]) is dt.date
    hk = dt.timezone(dt.timedelta(hours=8))
    assert data["at"] == dt.datetime(2023, 4, 30, 10, tzinfo=hk)
    assert data["naive"] == dt.datetime(2023, 4, 30, 10) and data["naive"].tzinfo is None
    assert (data["version"], data["quoted"], data["flag"]) == (1.1, "2023-04-30", True)
    assert (data["octal"], data["nothing"], data["name"]) == ("0o17", None, "連登")


@pytest.mark.parametrize("text", [
    "!!python/object/apply:os.system ['true']\n",
    "a: !!python/name:os.system\n",
    "a: [unclosed\n",
])
def test_unsafe_tags_and_bad_syntax_are_yaml_errors(text):
    with pytest.raises(safe_yaml.YAMLError):
        safe_yaml.load(text)
