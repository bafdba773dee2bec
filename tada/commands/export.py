"""``tada export``: scorecards for researchers, from the published database only."""

from __future__ import annotations

from pathlib import Path

import click

from core.export import FORMATS, ExportSummary, export_scorecards, parse_formats
from core.i18n import t


@click.group("export", help=t("cli.help.export"), short_help=t("cli.help.export.short"))
def command() -> None:
    """Export published data for analysis elsewhere."""


@command.command("scorecards", help=t("cli.help.export.scorecards"),
                 short_help=t("cli.help.export.scorecards.short"))
@click.option("--format", "formats", multiple=True, default=("csv",), show_default=True,
              help=t("cli.help.export.scorecards.format", formats=", ".join(FORMATS)))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help=t("cli.help.export.scorecards.out"))
@click.pass_obj
def scorecards(env, formats: tuple[str, ...], out: Path | None) -> None:
    """Per-platform and per-category scorecards with a Frictionless datapackage.json."""
    print_export(env, export_scorecards(env.data_dir.public_db, out or env.data_dir.exports,
                                        parse_formats(formats), env.lang))


def print_export(env, summary: ExportSummary) -> None:
    for name in summary.files:
        env.console.print(f"  {name}", highlight=False)
    env.console.print(t("core.export.written", env.lang, count=len(summary.files),
                        path=summary.out, version=summary.methodology_version))
