"""``tada figures``: the service report's figures from the warehouse."""

from __future__ import annotations

import json

import click
from rich.table import Table

from core.i18n import fmt_number, fmt_percent, t
from scoring.figures import report_figures


@click.command("figures", help=t("cli.help.figures"), short_help=t("cli.help.figures.short"))
@click.option("--json", "as_json", is_flag=True, help=t("cli.help.figures.json"))
@click.pass_obj
def command(env, as_json: bool) -> None:
    """Print the report figures: cases, items, removal, categories, victims."""
    figures = report_figures(env.data_dir.warehouse)
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    print_figures(env, figures)


def _share_table(env, title: str, shares: dict[str, float], label_prefix: str) -> Table:
    table = Table(title=title)
    table.add_column(t("cli.figures.group", env.lang))
    table.add_column(t("cli.figures.share", env.lang), justify="right")
    for key, share in shares.items():
        table.add_row(t(f"{label_prefix}.{key}", env.lang), fmt_percent(share, env.lang))
    return table


def print_figures(env, f: dict) -> None:
    lang = env.lang
    env.console.print(t("cli.figures.headline", lang, cases=fmt_number(f["cases"], lang),
                        items=fmt_number(f["items"], lang),
                        removed=fmt_percent(f["removed_share"], lang),
                        first=f["first_reported"], last=f["last_reported"]))
    table = Table(title=t("cli.figures.by_category", lang))
    for col in ("category", "items", "share", "removed_share"):
        table.add_column(t(f"cli.figures.col.{col}", lang), justify="left" if col == "category"
                         else "right")
    for cat, n in f["category_items"].items():
        table.add_row(t(f"category.{cat}", lang), fmt_number(n, lang),
                      fmt_percent(f["category_shares"][cat], lang),
                      fmt_percent(f["category_removed_shares"][cat], lang))
    env.console.print(table)
    env.console.print(_share_table(env, t("cli.figures.by_gender", lang), f["gender_shares"],
                                   "gender"))
    env.console.print(_share_table(env, t("cli.figures.by_relation", lang), f["relation_shares"],
                                   "relation"))
    top = Table(title=t("cli.figures.top_social", lang))
    top.add_column(t("cli.figures.col.platform", lang))
    top.add_column(t("cli.figures.col.items", lang), justify="right")
    top.add_column(t("cli.figures.col.removed_share", lang), justify="right")
    for p in f["most_reported_social_media"][:6]:
        name = p["name_zh"] if lang != "en" and p["name_zh"] else p["name"]
        top.add_row(name, fmt_number(p["items"], lang), fmt_percent(p["removed_share"], lang))
    env.console.print(top)
