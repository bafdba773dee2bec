"""``tada doctor``: what works on this machine, what is missing, and the command that fixes it.

Exit status 0 when every required check passes (optional features may be missing), 1 when
a required one fails.
"""

from __future__ import annotations

import click
from rich.table import Table

from core.i18n import fmt_number, t
from tada.health import Check, run_checks


def _status(check: Check, lang: str) -> str:
    if check.ok:
        return "[green]" + t("doctor.status.ok", lang) + "[/]"
    key = "doctor.status.missing" if check.required else "doctor.status.optional"
    return ("[red]" if check.required else "[yellow]") + t(key, lang) + "[/]"


def _fix(check: Check, lang: str) -> str:
    if check.ok:
        return ""
    return check.fix or t(f"doctor.fix.{check.key}", lang)


def print_table(env, checks: list[Check]) -> None:
    lang = env.lang
    table = Table(title=t("doctor.title", lang))
    for key in ("check", "status", "found", "fix"):
        table.add_column(t(f"doctor.col.{key}", lang), overflow="fold")
    for c in checks:
        name = f"{t(f'doctor.check.{c.key}', lang)}\n[dim]{t(f'doctor.for.{c.key}', lang)}[/]"
        found_key, fields = c.found
        table.add_row(name, _status(c, lang), t(found_key, lang, **fields), _fix(c, lang))
    env.console.print(table)


def summary(env, checks: list[Check]) -> list[str]:
    """A few lines: how many checks pass, then each missing one with its fix."""
    lang = env.lang
    lines = [t("doctor.summary", lang, ok=fmt_number(sum(c.ok for c in checks), lang),
               total=fmt_number(len(checks), lang))]
    for c in checks:
        if not c.ok:
            key = "doctor.summary.missing" if c.required else "doctor.summary.optional"
            lines.append(t(key, lang, check=t(f"doctor.check.{c.key}", lang),
                           feature=t(f"doctor.for.{c.key}", lang), fix=_fix(c, lang)))
    return lines


def failed_required(checks: list[Check]) -> bool:
    return any(c.required and not c.ok for c in checks)


@click.command("doctor", help=t("cli.help.doctor"), short_help=t("cli.help.doctor.short"))
@click.pass_obj
def command(env) -> None:
    """Check Python, DuckDB, the data directory, fonts and browsers; say how to fix each."""
    checks = run_checks(env.data_dir)
    print_table(env, checks)
    for line in summary(env, checks):
        env.console.print(line, highlight=False, markup=False, soft_wrap=True)
    if failed_required(checks):
        raise click.exceptions.Exit(1)
