"""``tada ingest``: load a case log into the warehouse."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click
from rich.table import Table

from core.i18n import fmt_number, t
from scoring.caselog.ingest import IngestSummary, ingest


def _as_of(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(t("cli.ingest.bad_as_of", None, value=value)) from exc
    return parsed if "T" in value or " " in value else parsed.date()


@click.command("ingest", help=t("cli.help.ingest"), short_help=t("cli.help.ingest.short"))
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--as-of", callback=_as_of, default=None,
              help=t("cli.help.ingest.as_of"))
@click.option("--encoding", default=None, help=t("cli.help.ingest.encoding"))
@click.option("--sheet", default=None, help=t("cli.help.ingest.sheet"))
@click.option("--timezone", default="Asia/Hong_Kong", show_default=True,
              help=t("cli.help.ingest.timezone"))
@click.pass_obj
def command(env, file: Path, as_of, encoding: str | None, sheet: str | None,
            timezone: str) -> None:
    """Load a case log (CSV or XLSX) into the warehouse."""
    summary = ingest(file, env.data_dir, as_of, encoding, sheet, timezone)
    print_summary(env, summary)


def print_summary(env, s: IngestSummary) -> None:
    lang = env.lang
    table = Table(title=t("cli.ingest.title", lang, file=s.file.name), show_header=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    for key, value in (
        ("rows", s.rows), ("cases", s.cases), ("items", s.items), ("inserted", s.inserted),
        ("updated", s.updated), ("unchanged", s.unchanged), ("stale", s.stale),
        ("platforms", len(s.platforms)),
    ):
        table.add_row(t(f"cli.ingest.{key}", lang), fmt_number(value, lang))
    table.add_row(t("cli.ingest.as_of", lang), s.as_of.isoformat(sep=" ") + " UTC")
    env.console.print(table)
    if s.unregistered:
        listed = ", ".join(f"{host} ({n})" for host, n in s.unregistered.most_common())
        env.console.print(t("cli.ingest.unregistered", lang, count=sum(s.unregistered.values()),
                            hosts=listed))
    if s.ignored_columns:
        env.console.print(t("cli.ingest.ignored", lang, columns=", ".join(s.ignored_columns)))
