"""The scoring methodology: a versioned YAML file, loaded and validated before any scoring.

Every error names the file and the key (``pillars.policy.weight``) so a researcher editing
weights can fix the file without reading code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from statistics import NormalDist
from typing import Any

from core import safe_yaml
from core.errors import TadaError
from core.i18n import t
from core.public_schema import ELEMENTS, GRADES
from core.registry import CATEGORIES

DEFAULT_PATH = Path(__file__).parent / "methodology.yaml"

SUBMETRICS: tuple[str, ...] = (
    "removal_rate_lower_bound", "cif_removed_48h", "cif_removed_7d", "first_response",
    "answered_within_30d",
)
PILLARS: tuple[str, ...] = ("policy", "responsiveness")
MISSING_PILLAR: tuple[str, ...] = ("insufficient", "renormalise")


class MethodologyError(TadaError):
    def __init__(self, path: Path, key: str, problem: str) -> None:
        self.path, self.key, self.problem = path, key, problem
        super().__init__(t("core.methodology.invalid", None, file=path, key=key,
                           problem=problem))


@dataclass(frozen=True)
class Methodology:
    path: Path
    text: str
    data: dict[str, Any]  # the file as parsed, for readers that show it
    id: str
    version: str
    date: dt.date
    confidence_level: float
    period_time_zone: str
    pillar_weights: dict[str, float]
    missing_pillar: str
    element_weights: dict[str, float]
    not_applicable: dict[str, tuple[str, ...]]
    response_time_full_hours: float
    response_time_partial_hours: float
    submetric_weights: dict[str, float]
    first_response_full_hours: float
    first_response_zero_hours: float
    grades: dict[str, float]
    min_items_for_score: int
    min_elements_for_policy: int
    min_people: int
    min_items: int
    hide_zero: bool
    min_cases_per_cell: int

    @property
    def z(self) -> float:
        """The two-sided normal quantile of the confidence level (1.959963984540054 at 95%)."""
        return NormalDist().inv_cdf(1 - (1 - self.confidence_level) / 2)


class _Reader:
    """Typed access to nested keys, raising errors that name the file and the dotted key."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path, self.data = path, data

    def fail(self, key: str, problem: str, **fields: object) -> MethodologyError:
        return MethodologyError(self.path, key, t(f"core.methodology.{problem}", None,
                                                  **fields))

    def get(self, key: str) -> Any:
        node: Any = self.data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node or node[part] is None:
                raise self.fail(key, "missing")
            node = node[part]
        return node

    def mapping(self, key: str) -> dict[str, Any]:
        value = self.get(key)
        if not isinstance(value, dict):
            raise self.fail(key, "not_mapping")
        return value

    def text(self, key: str) -> str:
        value = self.get(key)
        if not isinstance(value, str | int | float) or isinstance(value, bool) or not str(value):
            raise self.fail(key, "not_text")
        return str(value)

    def number(self, key: str, low: float | None = None, high: float | None = None,
               integer: bool = False) -> float:
        value = self.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float) or (
                integer and not isinstance(value, int)):
            raise self.fail(key, "not_integer" if integer else "not_number", value=value)
        if low is not None and value < low:
            raise self.fail(key, "below_minimum", value=value, limit=low)
        if high is not None and value > high:
            raise self.fail(key, "above_maximum", value=value, limit=high)
        return value

    def exact_keys(self, key: str, expected: tuple[str, ...]) -> dict[str, Any]:
        found = self.mapping(key)
        unknown = sorted(set(found) - set(expected))
        if unknown:
            raise self.fail(f"{key}.{unknown[0]}", "unknown", allowed=", ".join(expected))
        for name in expected:
            if name not in found:
                raise self.fail(f"{key}.{name}", "missing")
        return found

    def weights(self, key: str, names: tuple[str, ...]) -> dict[str, float]:
        self.exact_keys(key, names)
        weights = {n: float(self.number(f"{key}.{n}.weight", low=0)) for n in names}
        if sum(weights.values()) <= 0:
            raise self.fail(key, "zero_weights")
        return weights


def load(path: Path = DEFAULT_PATH) -> Methodology:
    """Read and validate the methodology file at ``path``."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise MethodologyError(path, "(file)", str(exc)) from exc
    return parse(text, path)


def parse(text: str, path: Path) -> Methodology:
    """Validate a methodology given as text (``path`` names where it came from in errors).

    The one parser: scoring reads the file with it, the dashboard and the evidence packs read
    the copy published in ``public.duckdb`` with it."""
    try:
        data = safe_yaml.load(text)
    except safe_yaml.YAMLError as exc:
        raise MethodologyError(path, "(yaml)", str(exc).replace("\n", " ")) from exc
    if not isinstance(data, dict):
        raise MethodologyError(path, "(top level)", t("core.methodology.not_mapping", None))
    r = _Reader(path, data)
    return Methodology(
        path=path, text=text, data=data, id=r.text("id"), version=r.text("version"), date=_date(r),
        confidence_level=float(r.number("confidence_level", low=0.5, high=0.999)),
        period_time_zone=_time_zone(r),
        pillar_weights=r.weights("pillars", PILLARS),
        missing_pillar=_choice(r, "missing_pillar", MISSING_PILLAR),
        element_weights=r.weights("policy_elements", ELEMENTS),
        not_applicable=_not_applicable(r),
        **_response_time(r),
        submetric_weights=r.weights("responsiveness", SUBMETRICS),
        **_first_response(r),
        grades=_grades(r),
        min_items_for_score=int(r.number("minimum_base.items_for_score", low=1, integer=True)),
        min_elements_for_policy=int(r.number("minimum_base.elements_for_policy_score", low=1,
                                             high=len(ELEMENTS), integer=True)),
        **_suppression(r),
    )


def _not_applicable(r: _Reader) -> dict[str, tuple[str, ...]]:
    """Optional per element: platform categories the element does not apply to."""
    out: dict[str, tuple[str, ...]] = {}
    for element in ELEMENTS:
        key = f"policy_elements.{element}.not_applicable_to"
        value = r.mapping(f"policy_elements.{element}").get("not_applicable_to") or []
        if not isinstance(value, list):
            raise r.fail(key, "not_list")
        for category in value:
            if category not in CATEGORIES:
                raise r.fail(key, "not_one_of", value=category, allowed=", ".join(CATEGORIES))
        out[element] = tuple(value)
    return out


def _date(r: _Reader) -> dt.date:
    value = r.get("date")
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise r.fail("date", "not_date", value=value) from exc


def _time_zone(r: _Reader) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = r.text("period_time_zone")
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise r.fail("period_time_zone", "not_time_zone", value=name) from exc
    return name


def _choice(r: _Reader, key: str, allowed: tuple[str, ...]) -> str:
    value = r.text(key)
    if value not in allowed:
        raise r.fail(key, "not_one_of", value=value, allowed=", ".join(allowed))
    return value


def _ordered_pair(r: _Reader, low_key: str, high_key: str) -> tuple[float, float]:
    low = float(r.number(low_key, low=0))
    high = float(r.number(high_key, low=0))
    if high <= low:
        raise r.fail(high_key, "not_above", other=low_key, value=high, low=low)
    return low, high


def _response_time(r: _Reader) -> dict[str, float]:
    base = "policy_elements.stated_response_time"
    full, partial = _ordered_pair(r, f"{base}.full_credit_max_hours",
                                  f"{base}.partial_credit_max_hours")
    return {"response_time_full_hours": full, "response_time_partial_hours": partial}


def _first_response(r: _Reader) -> dict[str, float]:
    base = "responsiveness.first_response"
    full, zero = _ordered_pair(r, f"{base}.full_credit_hours", f"{base}.zero_credit_hours")
    return {"first_response_full_hours": full, "first_response_zero_hours": zero}


def _grades(r: _Reader) -> dict[str, float]:
    r.exact_keys("grades", GRADES)
    grades = {g: float(r.number(f"grades.{g}", low=0, high=100)) for g in GRADES}
    for better, worse in zip(GRADES, GRADES[1:], strict=False):
        if grades[worse] >= grades[better]:
            raise r.fail(f"grades.{worse}", "grades_order", grade=worse, better=better)
    if grades["E"] != 0:
        raise r.fail("grades.E", "grade_e_zero")
    return grades


def _suppression(r: _Reader) -> dict[str, Any]:
    min_people = int(r.number("suppression.min_people", low=1, integer=True))
    min_items = int(r.number("suppression.min_items", low=1, integer=True))
    hide_zero = r.get("suppression.hide_zero")
    if not isinstance(hide_zero, bool):
        raise r.fail("suppression.hide_zero", "not_boolean", value=hide_zero)
    # A score on a base the suppression hides would publish what the suppression withholds.
    if r.number("minimum_base.items_for_score") < min_items:
        raise r.fail("minimum_base.items_for_score", "score_below_suppression",
                     min_items=min_items)
    # One victim's items are about one person: no item count, rate or curve on fewer cases.
    min_cases = int(r.number("suppression.min_cases_per_cell", low=1, integer=True))
    return {"min_people": min_people, "min_items": min_items, "hide_zero": hide_zero,
            "min_cases_per_cell": min_cases}
