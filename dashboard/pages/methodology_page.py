"""Methodology: every element, weight, threshold and the suppression rule, in plain words.

Everything shown is read from the methodology file published in ``public.duckdb``. Settings
this page has a sentence for are explained; any others are still listed as they stand, so
nothing in the file is hidden from a reader.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dash import html

from core.i18n import fmt_number, fmt_percent
from dashboard.components import layout
from dashboard.components.tables import data_table
from dashboard.context import PageContext
from dashboard.methodology import Methodology, element_label, localised
from dashboard.pages.common import load_methodology
from dashboard.text import date_text, has_message, label

# Top-level keys explained in their own sections; any others are listed under "other".
EXPLAINED = {"id", "version", "date", "changelog", "elements", "policy_elements", "pillars",
             "grades", "minimum_base", "suppression", "responsiveness", "missing_pillar",
             "confidence_level", "period_time_zone"}
PERCENT_SETTINGS = {"confidence_level"}


def _number(value: Any, lang: str) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return fmt_number(value, lang, 0 if float(value).is_integer() else 2)


def _plain(node: Any, ctx: PageContext) -> Any:
    """Any YAML value as nested lists, keys in words where the catalogue has them."""
    if isinstance(node, dict):
        text = localised(node, ctx.lang) if set(node) & {"en", "zh-Hant-HK"} else None
        if text:
            return text
        return html.Dl([part for k, v in node.items() for part in (
            html.Dt(label(f"dash.mkey.{k}", ctx.lang, str(k))), html.Dd(_plain(v, ctx)))])
    if isinstance(node, list):
        return html.Ul([html.Li(_plain(v, ctx)) for v in node])
    if isinstance(node, bool):
        return ctx.t("dash.value.yes" if node else "dash.value.no")
    if isinstance(node, dt.date):
        return date_text(node, ctx.lang)
    return _number(node, ctx.lang)


def _sentences(ctx: PageContext, prefix: str, settings: dict[str, Any]) -> list[Any]:
    """One sentence per setting the catalogue explains (``dash.method.<prefix>.<key>``)."""
    lines: list[Any] = []
    for key, value in settings.items():
        if isinstance(value, dict):
            continue
        message = f"dash.method.{prefix}.{key}"
        if isinstance(value, bool):
            message += ".yes" if value else ".no"
        if has_message(message):
            shown = fmt_percent(value, ctx.lang, 0) if key in PERCENT_SETTINGS else \
                _number(value, ctx.lang)
            lines.append(html.Li(ctx.t(message, value=shown)))
        else:
            lines.append(html.Li([label(f"dash.mkey.{key}", ctx.lang, key), ": ",
                                  _plain(value, ctx)]))
    return lines


def _weights_table(ctx: PageContext, rows: list[tuple[str, float | None, dict]],
                   caption: str, prefix: str) -> Any:
    total = sum(w for _, w, _ in rows if w) or 1.0
    body = [[name, fmt_number(w, ctx.lang, 2) if w is not None else "—",
             fmt_percent(w / total, ctx.lang) if w is not None else "—",
             html.Ul(_sentences(ctx, prefix, extra)) if extra else ""]
            for name, w, extra in rows]
    return data_table([ctx.t("dash.method.item"), ctx.t("dash.method.weight"),
                       ctx.t("dash.method.share"), ctx.t("dash.method.rules")], body, caption,
                      numeric=[False, True, True, False])


def _pillars(ctx: PageContext, m: Methodology) -> list[Any]:
    pillars = m.get("pillars") if isinstance(m.get("pillars"), dict) else {}
    lines = [html.Li(ctx.t("dash.method.pillar_weight",
                           pillar=label(f"dash.pillar.{name}", ctx.lang, name),
                           weight=fmt_percent(spec.get("weight", 0), ctx.lang, 0)))
             for name, spec in pillars.items() if isinstance(spec, dict)]
    missing = m.get("missing_pillar")
    if missing:
        lines += _sentences(ctx, "pillar", {"missing": missing}) \
            if not has_message(f"dash.method.missing.{missing}") \
            else [html.Li(ctx.t(f"dash.method.missing.{missing}"))]
    return [html.H2(ctx.t("dash.method.pillars")), html.Ul(lines)] if lines else []


def _elements(ctx: PageContext, m: Methodology) -> list[Any]:
    if not m.elements:
        return []
    rows = [(element_label(e.id, ctx.lang, m), e.weight, e.extra) for e in m.elements]
    return [html.H2(ctx.t("dash.method.elements")), html.P(ctx.t("dash.method.element_scoring")),
            _weights_table(ctx, rows, ctx.t("dash.method.elements"), "rule")]


def _responsiveness(ctx: PageContext, m: Methodology) -> list[Any]:
    out: list[Any] = [html.H2(ctx.t("dash.method.responsiveness")),
                      html.P(ctx.t("dash.method.statistics"))]
    metrics = m.get("responsiveness")
    if isinstance(metrics, dict):
        rows = []
        for key, spec in metrics.items():
            spec = spec if isinstance(spec, dict) else {"weight": spec}
            weight = spec.get("weight")
            rows.append((label(f"dash.metric.{key}", ctx.lang, key),
                         float(weight) if isinstance(weight, int | float) else None,
                         {k: v for k, v in spec.items() if k != "weight"}))
        out.append(_weights_table(ctx, rows, ctx.t("dash.method.metrics"), "rule"))
    general = {k: m.get(k) for k in ("confidence_level", "period_time_zone") if m.get(k)}
    if general:
        out.append(html.Ul(_sentences(ctx, "general", general)))
    return out


def _grades(ctx: PageContext, m: Methodology) -> list[Any]:
    grades = m.get("grades")
    if not isinstance(grades, dict):
        return []
    items = [html.Li(ctx.t("dash.method.grade_line", grade=g, score=_number(s, ctx.lang)))
             for g, s in grades.items() if isinstance(s, int | float)]
    return [html.H2(ctx.t("dash.method.grades")), html.Ul(items),
            html.P(ctx.t("dash.method.insufficient"))]


def _base_and_suppression(ctx: PageContext, m: Methodology) -> list[Any]:
    out: list[Any] = []
    base = m.get("minimum_base")
    if isinstance(base, dict):
        out += [html.H2(ctx.t("dash.method.minimum_base")), html.Ul(_sentences(ctx, "base",
                                                                                base))]
    supp = m.get("suppression") if isinstance(m.get("suppression"), dict) else {}
    people = supp.get("min_people", ctx.meta.get("min_people", "—"))
    items = supp.get("min_items", ctx.meta.get("min_items", "—"))
    rest = {k: v for k, v in supp.items() if k not in {"min_people", "min_items"}}
    out += [html.H2(ctx.t("dash.method.suppression"), id="suppression"),
            html.P(ctx.t("dash.method.suppression_rule", people=people, items=items)),
            html.P(ctx.t("dash.method.secondary"))]
    if rest:
        out.append(html.Ul(_sentences(ctx, "suppression", rest)))
    return out


def render(ctx: PageContext) -> list[Any]:
    m = load_methodology(ctx.session)
    version = m.get("version") or ctx.meta.get("methodology_version", "—")
    when = date_text(m.get("date") or ctx.meta.get("methodology_date"), ctx.lang)
    content: list[Any] = [html.P(ctx.t("dash.method.version", id=m.get("id") or
                                       ctx.meta.get("methodology_id", "—"), version=version,
                                       date=when), id="method-version")]
    content += _pillars(ctx, m) + _elements(ctx, m) + _responsiveness(ctx, m)
    content += _grades(ctx, m) + _base_and_suppression(ctx, m)
    others = {k: v for k, v in m.raw.items() if k not in EXPLAINED}
    if others:
        content += [html.H2(ctx.t("dash.method.other")), _plain(others, ctx)]
    if m.get("changelog"):
        content += [html.H2(ctx.t("dash.method.changelog")), _plain(m.get("changelog"), ctx)]
    row = ctx.session.one("methodology") if ctx.session.has("methodology") else None
    content.append(html.Details([html.Summary(ctx.t("dash.method.file")),
                                 html.Pre((row or {}).get("yaml") or "", className="yaml",
                                          tabIndex="0")]))
    return layout.page(ctx, ctx.t("dash.method.title"), content, ctx.t("dash.method.intro"))
