"""``tada dashboard``: serve the bilingual dashboard over ``public.duckdb``."""

from __future__ import annotations

import click

from core.i18n import t
from dashboard.serve import DEFAULT_HOST, DEFAULT_PORT, serve


@click.command("dashboard", help=t("cli.help.dashboard"), short_help=t("cli.help.dashboard.short"))
@click.option("--host", default=DEFAULT_HOST, show_default=True,
              help=t("cli.help.dashboard.host"))
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(1, 65535),
              help=t("cli.help.dashboard.port"))
@click.pass_obj
def command(env, host: str, port: int) -> None:
    """Serve the dashboard (reads public.duckdb in the data directory, read-only)."""
    serve(env.data_dir, host, port, echo=lambda line: env.console.print(line, highlight=False))
