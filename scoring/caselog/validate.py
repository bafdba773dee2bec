"""Validate raw case-log rows into typed items, collecting every problem in the file."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from core.errors import TadaError
from core.i18n import t
from core.registry import Resolver
from scoring.caselog.read import RawLog, RawValue
from scoring.caselog.schema import columns

_ISO = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?"
    r"(Z|[+-]\d{2}:?\d{2})?)?$"
)
TIME_COLUMNS = ("reported_at", "first_response_at", "removed_at")


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str | None
    value: str
    message: str

    def render(self, path: Path) -> str:
        where = path.name + (", " + t("caselog.where.row", None, row=self.row) if self.row else "")
        where += f", {self.column}" if self.column else ""
        shown = f" = {self.value!r}" if self.value else ""
        return f"{where}{shown}: {self.message}"


class CaseLogInvalid(TadaError):
    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path, self.problems = path, problems
        super().__init__(t("caselog.invalid", None, file=path, count=len(problems)))

    def details(self) -> list[str]:
        return [p.render(self.path) for p in self.problems]


@dataclass(frozen=True)
class Item:
    row: int
    case_ref: str
    item_ref: str
    platform_slug: str | None
    platform_label: str | None
    content_url: str | None
    host: str | None
    reported_at: dt.datetime
    first_response_at: dt.datetime | None
    removed_at: dt.datetime | None
    outcome: str
    channel: str
    follow_ups: int
    victim_gender: str
    perpetrator_relation: str


def parse_time(value: RawValue, tz: ZoneInfo) -> dt.datetime | None:
    """An ISO date or date-time (or a spreadsheet date) as a naive UTC datetime."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime(value.year, value.month, value.day)
    else:
        m = _ISO.match(str(value).strip())
        if not m:
            raise ValueError(t("caselog.problem.time_format", None))
        text = str(value).strip().replace(" ", "T", 1)
        if text.endswith("Z"):
            text = text[:-1] + "+00:00"
        moment = dt.datetime.fromisoformat(text)  # raises ValueError on 2023-02-30
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz)
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def _text(value: RawValue) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _host_of(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return parts.hostname.lower().rstrip(".")


_Resolved = tuple[str | None, str | None, str | None]  # slug, unregistered label, host


class _RowChecker:
    """Checks one row, adding problems; returns an Item when the row is clean."""

    def __init__(self, resolver: Resolver, tz: ZoneInfo, problems: list[Problem]) -> None:
        self.resolver, self.tz, self.problems = resolver, tz, problems

    def fail(self, row: int, column: str | None, value: RawValue, message: str) -> None:
        self.problems.append(Problem(row, column, _text(value), message))

    def check(self, row: int, raw: dict[str, RawValue]) -> Item | None:
        before = len(self.problems)
        values: dict[str, object] = {}
        for col in columns().values():
            value = raw.get(col.name)
            text = _text(value)
            if not text:
                if col.required:
                    self.fail(row, col.name, value, t("caselog.problem.required", None))
                values[col.name] = None
            elif col.is_time:
                try:
                    values[col.name] = parse_time(value, self.tz)
                except ValueError:
                    self.fail(row, col.name, value, t("caselog.problem.time_format", None))
            elif col.enum is not None:
                folded = text.lower().replace(" ", "_").replace("-", "_")
                if folded in col.enum:
                    values[col.name] = folded
                else:
                    self.fail(row, col.name, value,
                              t("caselog.problem.enum", None, allowed=", ".join(col.enum)))
            elif col.is_integer:
                try:
                    number = int(text)
                    if number < 0:
                        raise ValueError
                    values[col.name] = number
                except ValueError:
                    self.fail(row, col.name, value, t("caselog.problem.count", None))
            else:
                values[col.name] = text
        platform = self._platform(row, values)
        if len(self.problems) > before:
            return None
        self._cross_checks(row, values)
        if len(self.problems) > before or platform is None:
            return None
        slug, label, host = platform
        return Item(
            row=row, case_ref=values["case_ref"], item_ref=values["item_ref"],
            platform_slug=slug, platform_label=label, content_url=values["content_url"],
            host=host, reported_at=values["reported_at"],
            first_response_at=values["first_response_at"], removed_at=values["removed_at"],
            outcome=values["outcome"], channel=values["channel"],
            follow_ups=values["follow_ups"] or 0, victim_gender=values["victim_gender"],
            perpetrator_relation=values["perpetrator_relation"],
        )  # type: ignore[arg-type]

    def _platform(self, row: int, v: dict[str, object]) -> _Resolved | None:
        label, url = v.get("platform"), v.get("content_url")
        host = None
        if url:
            host = _host_of(str(url))
            if host is None:
                self.fail(row, "content_url", url, t("caselog.problem.url", None))
                return None
        if not label and not url:
            self.fail(row, "platform", "", t("caselog.problem.platform_or_url", None))
            return None
        slug = self.resolver.by_name(str(label)) if label else None
        if slug is None and host:
            slug = self.resolver.by_host(host)
        return slug, (None if slug else (str(label) if label else None)), host

    def _cross_checks(self, row: int, v: dict[str, object]) -> None:
        reported, outcome = v["reported_at"], v["outcome"]
        if outcome == "removed" and v["removed_at"] is None:
            self.fail(row, "removed_at", "", t("caselog.problem.removed_needs_time", None))
        if outcome != "removed" and v["removed_at"] is not None:
            self.fail(row, "removed_at", v["removed_at"],
                      t("caselog.problem.removed_time_but_not_removed", None, outcome=outcome))
        if outcome == "refused" and v["first_response_at"] is None:
            self.fail(row, "first_response_at", "", t("caselog.problem.refused_needs_time", None))
        if outcome == "no_response" and v["first_response_at"] is not None:
            self.fail(row, "first_response_at", v["first_response_at"],
                      t("caselog.problem.no_response_has_time", None))
        for col in ("first_response_at", "removed_at"):
            if v[col] is not None and v[col] < reported:
                self.fail(row, col, v[col], t("caselog.problem.before_report", None))


def validate(log: RawLog, resolver: Resolver, tz: ZoneInfo) -> list[Item]:
    """Every row as an Item, or CaseLogInvalid listing every problem in the file."""
    problems: list[Problem] = []
    missing = [c.name for c in columns().values() if c.required and c.name not in log.header]
    if missing:
        allowed = ", ".join(columns())
        for name in missing:
            problems.append(Problem(1, name, "", t("caselog.problem.missing_column", None,
                                                   allowed=allowed)))
        raise CaseLogInvalid(log.path, problems)
    checker = _RowChecker(resolver, tz, problems)
    items: list[Item] = []
    first_row: dict[tuple[str, str], int] = {}
    case_profile: dict[str, tuple[int, str, str]] = {}
    for row, raw in log.rows:
        item = checker.check(row, raw)
        if item is None:
            continue
        key = (item.case_ref, item.item_ref)
        if key in first_row:
            checker.fail(row, "item_ref", item.item_ref,
                         t("caselog.problem.duplicate", None, first=first_row[key]))
            continue
        first_row[key] = row
        profile = (item.victim_gender, item.perpetrator_relation)
        seen = case_profile.setdefault(item.case_ref, (row, *profile))
        if seen[1:] != profile:
            checker.fail(row, "victim_gender" if seen[1] != profile[0] else "perpetrator_relation",
                         profile[0] if seen[1] != profile[0] else profile[1],
                         t("caselog.problem.case_disagrees", None, first=seen[0]))
            continue
        items.append(item)
    if not log.rows:
        problems.append(Problem(None, None, "", t("caselog.problem.no_rows", None)))
    if problems:
        raise CaseLogInvalid(log.path, problems)
    return items


def check_as_of(log: RawLog, items: list[Item], as_of: dt.datetime, tz: ZoneInfo) -> None:
    """Reject a log whose events happen after the date it claims to be extracted."""
    local = as_of.replace(tzinfo=dt.UTC).astimezone(tz)
    shown = f"{local:%Y-%m-%d %H:%M} {tz.key}"
    raw_rows = dict(log.rows)
    problems = [
        Problem(item.row, col, _text(raw_rows[item.row].get(col)),
                t("caselog.problem.after_as_of", None, as_of=shown))
        for item in items
        for col in TIME_COLUMNS
        if getattr(item, col) is not None and getattr(item, col) > as_of
    ]
    if problems:
        raise CaseLogInvalid(log.path, problems)
