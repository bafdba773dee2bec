"""Small labelled marks: grades, element values, yes/no answers.

Each carries a glyph and text as well as a colour, so no meaning rests on colour alone.
"""

from __future__ import annotations

from dash import html

from core.i18n import t
from dashboard.text import GRADES, INSUFFICIENT, grade_label, value_label

GLYPHS = {"yes": "✓", "partial": "◐", "no": "✗", "not_applicable": "–"}


def grade_badge(grade: str | None, lang: str) -> html.Span:
    if grade in GRADES:
        return html.Span(grade, className=f"grade grade-{grade.lower()}",
                         title=t("dash.grade.title", lang, grade=grade))
    cls = "grade grade-insufficient" if grade == INSUFFICIENT else "grade grade-none"
    return html.Span(grade_label(grade, lang), className=cls)


def value_badge(value: str | None, lang: str, element_label: str | None = None,
                short: str | None = None) -> html.Span:
    """An element's answer; with ``element_label`` it is a compact badge naming the element
    (by ``short`` on the badge, in full in its tooltip and for screen readers)."""
    key = value if value in GLYPHS else "not_applicable"
    text = value_label(value, lang)
    if element_label is None:
        return html.Span([html.Span(GLYPHS[key], **{"aria-hidden": "true"}), " ", text],
                         className=f"value value-{key}")
    full = t("dash.badge.title", lang, element=element_label, value=text)
    return html.Span([html.Span(GLYPHS[key], **{"aria-hidden": "true"}), " ",
                      short or element_label],
                     className=f"badge value-{key}", title=full, role="img",
                     **{"aria-label": full})


def yes_no(value: object, lang: str, yes_is_good: bool = True) -> html.Span:
    """A boolean (or NULL) answer of the reporting-form audit, styled by whether it helps."""
    if value is None:
        return html.Span(t("dash.cell.none", lang), className="value value-not_applicable")
    key = "yes" if bool(value) else "no"
    style = "yes" if bool(value) == yes_is_good else "no"
    return html.Span([html.Span(GLYPHS[key], **{"aria-hidden": "true"}), " ",
                      value_label(key, lang)], className=f"value value-{style}")
