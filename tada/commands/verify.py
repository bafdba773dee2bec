"""``tada verify``: check an evidence pack (directory or zip) and print a bilingual verdict."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from core.i18n import LANGS, t
from evidence.verify import verify_pack


@click.command("verify", help=t("cli.help.verify"), short_help=t("cli.help.verify.short"))
@click.argument("pack", type=click.Path(path_type=Path))
@click.pass_obj
def command(env, pack: Path) -> None:
    """Verify every file and WARC record of an evidence pack; exit 1 if anything differs."""
    verdict = verify_pack(pack)
    lines = verdict.lines()
    style = "bold green" if verdict.ok else "bold red"
    for line in lines[:2]:
        env.console.print(f"[{style}]{line}[/]", highlight=False)
    for line in lines[2:]:
        env.console.print(f"  {line}", highlight=False, markup=False)
    if verdict.ok and verdict.restricted:
        env.console.print(" / ".join(t("evidence.verify.restricted", lang) for lang in LANGS),
                          highlight=False)
    if not verdict.ok:
        sys.exit(1)

