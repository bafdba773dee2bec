"""``tada score``: score the platforms and write the published database."""

from __future__ import annotations

import os
from pathlib import Path

import click
import duckdb
from rich.table import Table

from core.i18n import fmt_number, t
from scoring.score import ScoreSummary, build


def _memory_limit(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """A limit DuckDB accepts (from the option, else TADA_MEMORY_LIMIT), checked before any
    work starts."""
    chosen, key = (value, "scoring.cli.bad_memory_limit") if value is not None else (
        os.environ.get("TADA_MEMORY_LIMIT"), "scoring.cli.bad_memory_limit_env")
    if chosen is None:
        return None
    probe = duckdb.connect()
    try:
        probe.execute("SET memory_limit = ?", [chosen])
    except duckdb.Error as exc:
        error = click.BadParameter if value is not None else click.UsageError
        raise error(t(key, None, value=chosen)) from exc
    finally:
        probe.close()
    return value


@click.command("score", help=t("cli.help.score"), short_help=t("cli.help.score.short"))
@click.option("--methodology", "methodology_path", type=click.Path(path_type=Path),
              default=None, help=t("cli.help.score.methodology"))
@click.option("--memory-limit", default=None, callback=_memory_limit,
              help=t("cli.help.score.memory_limit"))
@click.pass_obj
def command(env, methodology_path: Path | None, memory_limit: str | None) -> None:
    """Compute statistics and scores; write the suppressed public.duckdb."""
    print_summary(env, build(env.data_dir, methodology_path, memory_limit))


def print_summary(env, s: ScoreSummary) -> None:
    lang = env.lang
    table = Table(title=t("scoring.cli.title", lang, version=s.methodology_version),
                  show_header=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    rows = (
        ("items", s.items), ("platforms", s.platforms),
        ("platforms_with_cases", s.platforms_with_cases),
        ("policy_versions", s.crawl.versions), ("graded", s.graded),
        ("insufficient", s.insufficient), ("suppressed_primary", s.suppression.primary),
        ("suppressed_secondary", s.suppression.secondary),
    )
    for key, value in rows:
        table.add_row(t(f"scoring.cli.{key}", lang), fmt_number(value, lang))
    env.console.print(table)
    for grade in ("A", "B", "C", "D", "E"):
        if s.grades.get(grade):
            env.console.print(t("scoring.cli.grade_count", lang, grade=grade,
                                count=fmt_number(s.grades[grade], lang)))
    if not s.crawl.present:
        env.console.print(t("scoring.cli.no_crawl", lang))
    if s.synthetic:
        env.console.print(t("scoring.cli.synthetic", lang))
    if s.mirror:
        env.console.print(t("scoring.cli.mirror", lang))
    env.console.print(t("scoring.cli.written", lang, path=s.public_db,
                        seconds=fmt_number(s.seconds, lang, digits=1)))
