"""``tada evidence``: build an evidence pack (BagIt bag + zip) for regulators."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from core.i18n import fmt_number, t
from evidence.build import PackResult, build_pack


@click.command("evidence", help=t("cli.help.evidence"), short_help=t("cli.help.evidence.short"))
@click.option("--platform", "platforms", multiple=True, metavar="SLUG",
              help=t("cli.help.evidence.platform"))
@click.option("--category", "categories", multiple=True, metavar="CAT",
              help=t("cli.help.evidence.category"))
@click.option("--lang", "report_langs", default=None, metavar="LANGS",
              help=t("cli.help.evidence.lang"))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help=t("cli.help.evidence.out"))
@click.option("--restricted", is_flag=True,
              help=t("cli.help.evidence.restricted"))
@click.option("--organisation", default=None, help=t("cli.help.evidence.organisation"))
@click.option("--contact", default=None, help=t("cli.help.evidence.contact"))
@click.pass_obj
def command(env, platforms: tuple[str, ...], categories: tuple[str, ...],
            report_langs: str | None,
            out_dir: Path | None, restricted: bool, organisation: str | None,
            contact: str | None) -> None:
    """Build a self-verifying evidence pack: report, WARC archive, policies, metrics."""
    env.console.print(t("evidence.cli.building", env.lang,
                        platforms=", ".join((*platforms, *categories)) or "—"))
    result = build_pack(env.data_dir, platforms, categories=categories, langs=report_langs,
                        out_dir=out_dir, restricted=restricted, organisation=organisation,
                        contact=contact)
    print_result(env, result)


def print_result(env, r: PackResult) -> None:
    lang = env.lang
    table = Table(title=t("evidence.cli.title", lang), show_header=False)
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    access = "evidence.access.restricted" if r.restricted else "evidence.access.public"
    for key, value in (
        ("directory", str(r.path)), ("zip", str(r.zip_path)),
        ("files", fmt_number(r.payload_files, lang)),
        ("bytes", fmt_number(r.payload_bytes, lang)),
        ("snapshots", f"{fmt_number(r.snapshots, lang)} ({fmt_number(r.warc_records, lang)})"),
        ("pages", str(r.path / "data" / "report.pdf")),
        ("access", t(access, lang)),
        ("langs", ", ".join(t(f"evidence.lang_name.{x}", lang) for x in r.langs)),
    ):
        table.add_row(t(f"evidence.cli.{key}", lang), value)
    env.console.print(table)
    if r.missing_font:
        env.err.print(r.missing_font, highlight=False, markup=False, soft_wrap=True)
    env.console.print(t("evidence.cli.verify_hint", lang, path=r.zip_path))
