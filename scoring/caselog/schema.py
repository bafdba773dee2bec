"""The case-log columns and their rules, read from the published Frictionless schema."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from core.paths import CASE_LOG_SCHEMA


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    enum: tuple[str, ...] | None
    is_time: bool
    is_integer: bool


@cache
def columns() -> dict[str, Column]:
    schema = json.loads(CASE_LOG_SCHEMA.read_text(encoding="utf-8"))
    result: dict[str, Column] = {}
    for f in schema["fields"]:
        constraints = f.get("constraints", {})
        result[f["name"]] = Column(
            name=f["name"],
            required=bool(constraints.get("required")),
            enum=tuple(constraints["enum"]) if "enum" in constraints else None,
            is_time=f["name"].endswith("_at"),
            is_integer=f["type"] == "integer",
        )
    return result
