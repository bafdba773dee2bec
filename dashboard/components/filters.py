"""Filter controls whose values live in the query string (see ``router.apply_filters``)."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from core.i18n import t

_DROPDOWN_TEXTS = ("select_all", "deselect_all", "selected_count", "search", "clear_search",
                   "clear_selection", "no_options_found")


def control(name: str, label: str, value: str | None, options: list[dict[str, str]],
            lang: str) -> html.Div:
    """A labelled single-choice list; its id carries the value it was drawn with."""
    label_id = f"filter-{name}-label"
    return html.Div([
        html.Span(label, id=label_id, className="filter-label"),
        dcc.Dropdown(id={"type": "qparam", "name": name, "initial": value or ""},
                     options=options, value=value, clearable=False, searchable=False,
                     placeholder=t("dash.dropdown.placeholder", lang),
                     labels={k: t(f"dash.dropdown.{k}", lang) for k in _DROPDOWN_TEXTS}),
    ], className="filter", id=f"filter-{name}", role="group",
        **{"aria-labelledby": label_id})


def bar(controls: list[Any], label: str) -> html.Div:
    return html.Div(controls, className="filters", role="search", **{"aria-label": label})
