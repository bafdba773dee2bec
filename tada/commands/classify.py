"""``tada classify``: what one policy document says about NCII, with quoted evidence."""

from __future__ import annotations

import json

import click
from rich.table import Table
from rich.text import Text

from core.i18n import fmt_number, t
from core.vocabulary import FORM_FEATURES
from crawlers.analysis.analyser import FEATURES, analyse, document_lang
from crawlers.analysis.forms import audit_form
from crawlers.analysis.input import load


@click.command("classify", help=t("cli.help.classify"), short_help=t("cli.help.classify.short"))
@click.argument("target", metavar="PATH_OR_URL")
@click.option("--lang", "doc_lang", default=None,
              help=t("cli.help.classify.lang"))
@click.option("--json", "as_json", is_flag=True, help=t("cli.help.classify.json"))
@click.option("--form", "as_form", is_flag=True,
              help=t("cli.help.classify.form"))
@click.pass_obj
def command(env, target: str, doc_lang: str | None, as_json: bool, as_form: bool) -> None:
    """Analyse one policy document (HTML, Markdown or text file, or an http(s) URL)."""
    document_lang(doc_lang)  # reject a bad --lang before fetching anything
    doc = load(target)
    if as_form:
        result = audit_form(doc.text, doc.url or doc.source, doc_lang)
    else:
        result = analyse(doc.text, doc_lang, doc.kind)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
        return
    print_result(env, doc.source, result, FORM_FEATURES if as_form else FEATURES)


def _value(value: object, lang: str) -> str:
    if isinstance(value, bool):
        return t(f"analyser.value.{'yes' if value else 'no'}", lang)
    if value is None:
        return t("analyser.value.none", lang)
    if isinstance(value, float | int):
        return t("analyser.value.hours", lang, hours=fmt_number(value, lang))
    if isinstance(value, list):
        return ", ".join(map(str, value)) or t("analyser.value.none", lang)
    if isinstance(value, dict):
        return ", ".join(t(f"analyser.feature.fields.{k}", lang) for k, v in value.items() if v) \
            or t("analyser.value.none", lang)
    return t(f"analyser.value.{value}", lang)


def print_result(env, source: str, result: dict, features: tuple[str, ...]) -> None:
    lang = env.lang
    table = Table(title=t("analyser.classify.title", lang, source=source), show_lines=True)
    table.add_column(t("analyser.classify.col.feature", lang), style="bold")
    table.add_column(t("analyser.classify.col.value", lang))
    table.add_column(t("analyser.classify.col.evidence", lang), overflow="fold")
    for feature in features:
        quotes = [e["quote"] for e in result["evidence"]
                  if e["feature"] == feature or e["feature"].startswith(feature + ".")]
        table.add_row(t(f"analyser.feature.{feature}", lang), _value(result[feature], lang),
                      Text("\n".join(f"“{q}”" for q in quotes)))
    env.console.print(table)
    if result.get("language_supported") is False:
        language = (result.get("languages") or ["?"])[0]
        env.console.print(Text(t("analyser.language_unsupported", lang, language=language)),
                          style="bold yellow")
