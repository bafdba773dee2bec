"""The NCII definition for the DSA Transparency Database: a versioned YAML data file."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core import safe_yaml
from core.i18n import t
from core.paths import DSA_NCII_DEFINITION
from scoring.dsa.errors import DefinitionError

DEFAULT_PATH = DSA_NCII_DEFINITION
SETS = {"specific": "KEYWORD_", "broad": "STATEMENT_CATEGORY_"}
SCHEMAS = ("v1", "v2")
_KEYS = {"id", "version", "date", "schema_v2_from", "changelog", *SETS}
_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")


@dataclass(frozen=True)
class NciiDefinition:
    path: Path
    text: str
    id: str
    version: str
    date: dt.date
    schema_v2_from: dt.date
    # set ("specific"/"broad") -> schema version -> names
    names: dict[str, dict[str, tuple[str, ...]]]

    def terms(self) -> list[tuple[str, str]]:
        """(set, name) pairs, each once, whatever schema version names it."""
        return sorted({(kind, name) for kind, by_schema in self.names.items()
                       for names in by_schema.values() for name in names})

    def schema_for(self, day: dt.date) -> str:
        return "v2" if day >= self.schema_v2_from else "v1"


def _date(data: dict[str, Any], key: str, path: Path) -> dt.date:
    value = data.get(key)
    if isinstance(value, dt.date):
        return value
    raise DefinitionError(path, key, t("dsa.definition.not_date", None, value=value))


def _text(data: dict[str, Any], key: str, path: Path) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise DefinitionError(path, key, t("dsa.definition.not_text"))
    return value.strip()


def _names(data: dict[str, Any], kind: str, path: Path) -> dict[str, tuple[str, ...]]:
    block = data.get(kind)
    if not isinstance(block, dict):
        raise DefinitionError(path, kind, t("dsa.definition.not_mapping"))
    out: dict[str, tuple[str, ...]] = {}
    for schema in SCHEMAS:
        key = f"{kind}.{schema}"
        names = block.get(schema)
        if not isinstance(names, list) or not names:
            raise DefinitionError(path, key, t("dsa.definition.not_list"))
        for name in names:
            if not isinstance(name, str) or not _NAME.match(name) \
                    or not name.startswith(SETS[kind]):
                raise DefinitionError(path, key, t("dsa.definition.bad_name", None, value=name,
                                                   prefix=SETS[kind]))
        out[schema] = tuple(names)
    unknown = set(block) - {*SCHEMAS, "field"}
    if unknown:
        raise DefinitionError(path, f"{kind}.{sorted(unknown)[0]}", t("dsa.definition.unknown"))
    return out


def load(path: Path = DEFAULT_PATH) -> NciiDefinition:
    """Read and validate the definition; every error names the file and the key."""
    try:
        text = path.read_text(encoding="utf-8")
        data = safe_yaml.load(text)
    except OSError as exc:
        raise DefinitionError(path, "(file)", str(exc)) from exc
    except safe_yaml.YAMLError as exc:
        raise DefinitionError(path, "(yaml)", str(exc).replace("\n", " ")) from exc
    if not isinstance(data, dict):
        raise DefinitionError(path, "(top level)", t("dsa.definition.not_mapping"))
    unknown = set(data) - _KEYS
    if unknown:
        raise DefinitionError(path, sorted(unknown)[0], t("dsa.definition.unknown"))
    version = data.get("version")
    if not isinstance(version, str | int | float) or not str(version).strip():
        raise DefinitionError(path, "version", t("dsa.definition.not_text"))
    return NciiDefinition(
        path=path, text=text, id=_text(data, "id", path), version=str(version).strip(),
        date=_date(data, "date", path), schema_v2_from=_date(data, "schema_v2_from", path),
        names={kind: _names(data, kind, path) for kind in SETS},
    )
