"""One writing command at a time in a data directory.

A command that writes holds ``tada.lock`` in the data directory (``flock``, exclusive) and
records in it which command it is. Another command waits for it, saying for whom, up to a
timeout (``TADA_LOCK_TIMEOUT`` seconds, default 300), then stops with a message naming the
command that holds the data directory. The operating system releases the lock when its holder
exits, however it exits, so a killed run never leaves the directory locked.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from core.errors import TadaError
from core.i18n import t

LOCK_NAME = "tada.lock"
DEFAULT_TIMEOUT = 300.0
_POLL = 0.2
_HELD: set[Path] = set()  # held by this process: a nested hold (one command calling another)
# The data directory cannot be written: say so plainly instead of failing halfway.
_UNWRITABLE = (errno.EACCES, errno.EPERM, errno.EROFS)


class DataDirBusy(TadaError):
    """Another command held the data directory for longer than the timeout."""


class DataDirReadOnly(TadaError):
    """The data directory cannot be written, so a writing command cannot start."""


@dataclass(frozen=True)
class Holder:
    command: str
    pid: int
    since: str

    def text(self, lang: str | None = None) -> str:
        return t("core.lock.holder", lang, command=self.command, pid=self.pid, since=self.since)


def timeout_from_env() -> float:
    value = os.environ.get("TADA_LOCK_TIMEOUT", "")
    try:
        return max(0.0, float(value)) if value else DEFAULT_TIMEOUT
    except ValueError:
        return DEFAULT_TIMEOUT


def read_holder(root: Path) -> Holder | None:
    """Who holds ``root`` now, as its holder recorded it (None if unknown)."""
    try:
        data = json.loads((root / LOCK_NAME).read_text(encoding="utf-8") or "null")
        return Holder(str(data["command"]), int(data["pid"]), str(data["since"]))
    except (OSError, ValueError, TypeError, KeyError):
        return None


def _open(path: Path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        if exc.errno in _UNWRITABLE:
            raise DataDirReadOnly(t("core.lock.read_only", None, path=path.parent,
                                    reason=exc.strerror)) from exc
        raise


@contextmanager
def hold(root: Path, command: str, *, timeout: float | None = None,
         on_wait: Callable[[Holder | None, float], None] | None = None) -> Iterator[None]:
    """Hold the data directory ``root`` for ``command`` (e.g. ``tada score``) while inside."""
    timeout = timeout_from_env() if timeout is None else timeout
    path = root / LOCK_NAME
    if path in _HELD:  # flock would make this process wait for itself
        yield
        return
    fd = _open(path)
    try:
        deadline = time.monotonic() + timeout
        waited = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not waited and on_wait is not None:
                    on_wait(read_holder(root), timeout)
                waited = True
                if time.monotonic() >= deadline:
                    holder = read_holder(root)
                    raise DataDirBusy(t(
                        "core.lock.busy", None, path=root, seconds=round(timeout),
                        holder=holder.text() if holder else t("core.lock.unknown"))) from None
                time.sleep(_POLL)
        record = {"command": command, "pid": os.getpid(),
                  "since": dt.datetime.now().astimezone().isoformat(timespec="seconds")}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(record).encode("utf-8"), 0)
        _HELD.add(path)
        try:
            yield
        finally:
            _HELD.discard(path)
            os.ftruncate(fd, 0)  # nobody holds it now; an old record must not mislead
    finally:
        os.close(fd)  # closing releases the lock
