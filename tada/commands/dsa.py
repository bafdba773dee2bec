"""``tada dsa``: import the EU DSA Transparency Database's daily dumps; show what is imported."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import click
from rich.table import Table

from core.i18n import fmt_number, t
from scoring.dsa import loader, spark_import
from scoring.dsa.importer import DayResult, import_dumps
from scoring.dsa.sources import Day
from scoring.dsa.status import status as dsa_status


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(t("cli.dsa.bad_date", None, value=value)) from exc


@click.group("dsa", help=t("cli.help.dsa"), short_help=t("cli.help.dsa.short"))
def command() -> None:
    """The EU DSA Transparency Database beside the NGO's own outcomes."""


@command.command("import", help=t("cli.help.dsa.import"),
                 short_help=t("cli.help.dsa.import.short"))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--platform", "platforms", multiple=True, help=t("cli.help.dsa.import.platform"))
@click.option("--since", callback=_date, default=None, help=t("cli.help.dsa.import.since"))
@click.option("--until", callback=_date, default=None, help=t("cli.help.dsa.import.until"))
@click.option("--engine", type=click.Choice(["duckdb", "spark"]), default="duckdb",
              help=t("cli.help.dsa.import.engine"))
@click.option("--master", default=None, help=t("cli.help.dsa.import.master"))
@click.option("--staging", type=click.Path(path_type=Path), default=None,
              help=t("cli.help.dsa.import.staging"))
@click.pass_obj
def import_command(env, paths: tuple[Path, ...], platforms: tuple[str, ...],
                   since: dt.date | None, until: dt.date | None, engine: str,
                   master: str | None, staging: Path | None) -> None:
    """Import daily dumps (zips, folders of them, or CSV parts) into the warehouse."""
    if engine == "spark":
        results = spark_import.import_dumps(paths, env.data_dir, platforms, since, until,
                                            master, staging, _progress(env), _step(env))
    else:
        results = import_dumps(paths, env.data_dir, platforms, since, until,
                               progress=_progress(env))
    print_results(env, results)


def _progress(env):  # type: ignore[no-untyped-def]
    def progress(day: Day) -> None:
        env.err.print(t("cli.dsa.reading", env.lang, day=day.day.isoformat(), dump=day.slug,
                        files=len(day.files)), highlight=False)
    return progress


def _step(env):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    return lambda name: env.err.print(t("spark.step", env.lang, step=name, seconds=(
        f"{time.perf_counter() - start:.0f}")), highlight=False)


@command.command("stage", help=t("cli.help.dsa.stage"), short_help=t("cli.help.dsa.stage.short"))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--to", "folder", required=True, type=click.Path(path_type=Path),
              help=t("cli.help.dsa.stage.to"))
@click.option("--platform", "platforms", multiple=True, help=t("cli.help.dsa.import.platform"))
@click.option("--since", callback=_date, default=None, help=t("cli.help.dsa.import.since"))
@click.option("--until", callback=_date, default=None, help=t("cli.help.dsa.import.until"))
@click.pass_obj
def stage_command(env, paths: tuple[Path, ...], folder: Path, platforms: tuple[str, ...],
                  since: dt.date | None, until: dt.date | None) -> None:
    """Unpack daily dumps into a staging folder for the Spark job."""
    manifest, _ = spark_import.stage_dumps(paths, folder, platforms, since, until,
                                           progress=_progress(env))
    if manifest is None:
        env.console.print(t("cli.dsa.no_days", env.lang))
        return
    csvs = [c for d in manifest["days"] for c in d["csvs"]]
    env.console.print(t("cli.dsa.staged", env.lang, days=len(manifest["days"]), csvs=len(csvs),
                        mb=fmt_number(sum(c["bytes"] for c in csvs) / 1e6, env.lang),
                        folder=folder), highlight=False)


@command.command("load", help=t("cli.help.dsa.load"), short_help=t("cli.help.dsa.load.short"))
@click.argument("folder", type=click.Path(path_type=Path))
@click.pass_obj
def load_command(env, folder: Path) -> None:
    """Bring the Spark job's result into the warehouse."""
    print_results(env, loader.load(folder, env.data_dir))


def print_results(env, results: list[DayResult]) -> None:  # type: ignore[no-untyped-def]
    if not results:
        env.console.print(t("cli.dsa.no_days", env.lang))
        return
    for result in results:
        _print_day(env, result)
    env.console.print(t("cli.dsa.attribution", env.lang), highlight=False)


def _print_day(env, r: DayResult) -> None:
    lang = env.lang
    env.console.print(t(f"cli.dsa.day.{r.outcome}", lang, day=r.day.isoformat(), dump=r.dump,
                        rows=fmt_number(r.rows_read, lang),
                        statements=fmt_number(r.statements, lang),
                        specific=fmt_number(r.ncii_specific, lang),
                        broad=fmt_number(r.ncii_broad, lang)), highlight=False)


@command.command("status", help=t("cli.help.dsa.status"),
                 short_help=t("cli.help.dsa.status.short"))
@click.option("--json", "as_json", is_flag=True, help=t("cli.help.dsa.status.json"))
@click.pass_obj
def status_command(env, as_json: bool) -> None:
    """The days imported and, per TDB platform name, its slug and counts."""
    result = dsa_status(env.data_dir)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
        return
    lang = env.lang
    if not result["days"]:
        env.console.print(t("cli.dsa.nothing", lang))
        return
    days = Table(title=t("cli.dsa.days_title", lang))
    for key in ("date", "schema", "files", "sha1"):
        days.add_column(t(f"cli.dsa.col.{key}", lang))
    for day in result["days"]:
        for i, f in enumerate(day["files"]):
            days.add_row(day["date"] if i == 0 else "", day["schema"] if i == 0 else "",
                         f["name"], f["sha1"])
    env.console.print(days)
    platforms = Table(title=t("cli.dsa.platforms_title", lang))
    for key in ("platform_name", "slug", "statements", "ncii_specific", "ncii_broad"):
        platforms.add_column(t(f"cli.dsa.col.{key}", lang),
                             justify="right" if key.startswith(("stat", "ncii")) else "left")
    for p in result["platforms"]:
        platforms.add_row(p["platform_name"], p["slug"] or t("cli.dsa.unmapped", lang),
                          *(fmt_number(p[k], lang)
                            for k in ("statements", "ncii_specific", "ncii_broad")))
    env.console.print(platforms)
    unmapped = [p["platform_name"] for p in result["platforms"] if p["slug"] is None]
    if unmapped:
        env.console.print(t("cli.dsa.unmapped_note", lang, count=len(unmapped)), highlight=False)
    env.console.print(t("cli.dsa.attribution", lang), highlight=False)
