"""Serving the dashboard locally: what ``tada dashboard`` and ``tada demo`` call."""

from __future__ import annotations

import errno
import os
import socket
from collections.abc import Callable

from core.errors import TadaError
from core.i18n import t
from core.paths import DataDir
from dashboard.app import create_app

DEFAULT_HOST = "127.0.0.1"  # private by default; --host 0.0.0.0 publishes it on the network
DEFAULT_PORT = 8050


class PortInUse(TadaError):
    pass


class CannotListen(TadaError):
    """The host is not an address of this computer (or not an address at all)."""


def url_for(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
    shown = f"[{shown}]" if ":" in shown else shown
    return f"http://{shown}:{port}/"


def _check_port(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise PortInUse(t("dash.serve.port_in_use", None, host=host, port=port)) from exc
            raise CannotListen(t("dash.serve.cannot_listen", None, host=host, port=port,
                                 reason=exc.strerror or exc)) from exc


def serve(data_dir: DataDir | str | os.PathLike[str] | None, host: str = DEFAULT_HOST,
          port: int = DEFAULT_PORT, echo: Callable[[str], None] = print) -> None:
    """Serve the dashboard for ``data_dir`` until interrupted, after printing its address."""
    data = data_dir if isinstance(data_dir, DataDir) else DataDir.resolve(data_dir)
    _check_port(host, port)
    app = create_app(data.public_db)
    if not data.public_db.exists():
        echo(t("dash.serve.no_data", None, path=data.public_db))
    echo(t("dash.serve.url", None, url=url_for(host, port)))
    app.run(host=host, port=port, debug=False)
