"""The log's time zone and as-of moment: checked before any row is read."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from core.errors import TadaError
from core.i18n import t

EARLIEST_AS_OF = dt.datetime(2000, 1, 1)


class BadTimeSetting(TadaError):
    pass


def check_timezone(name: str) -> ZoneInfo:
    """The IANA time zone ``name`` (e.g. Asia/Hong_Kong), or a clear error."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError, OSError) as exc:
        raise BadTimeSetting(t("caselog.bad_timezone", None, value=name)) from exc


def as_of_moment(value: dt.date | dt.datetime, tz: ZoneInfo,
                 now: dt.datetime | None = None) -> dt.datetime:
    """A user's --as-of as a naive UTC datetime; a bare date means the end of that day.

    It must lie between 2000 and one day after ``now`` (UTC): a log cannot be extracted in
    the future, and a far-off date would be published as the data's as-of date."""
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    shown = value.isoformat()
    try:
        if not isinstance(value, dt.datetime):
            value = dt.datetime.combine(value, dt.time()) + dt.timedelta(days=1)
        if value.tzinfo is None:
            value = value.replace(tzinfo=tz)
        moment = value.astimezone(dt.UTC).replace(tzinfo=None)
    except (OverflowError, ValueError) as exc:
        raise BadTimeSetting(t("caselog.bad_as_of", None, value=shown,
                               latest=(now + dt.timedelta(days=1)).date())) from exc
    if not EARLIEST_AS_OF < moment <= now + dt.timedelta(days=2):
        raise BadTimeSetting(t("caselog.bad_as_of", None, value=shown,
                               latest=(now + dt.timedelta(days=1)).date()))
    return moment


def default_as_of(latest: dt.datetime) -> dt.datetime:
    """The end of the latest day (UTC) on which anything in the log happened."""
    return dt.datetime.combine(latest.date(), dt.time()) + dt.timedelta(days=1)
