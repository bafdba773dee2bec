"""Accessible HTML tables, and charts paired with the table of their data."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dash import dcc, html

Cell = Any  # a string or a Dash component


def data_table(headers: Sequence[Cell], rows: Sequence[Sequence[Cell]], caption: str,
               numeric: Sequence[bool] | None = None, class_name: str = "",
               header_attrs: Sequence[dict[str, Any]] | None = None) -> html.Div:
    """A captioned table; numeric columns are right-aligned; the wrapper scrolls on phones."""
    numeric = numeric or [False] * len(headers)
    attrs = header_attrs or [{} for _ in headers]
    head = html.Thead(html.Tr([
        html.Th(h, scope="col", className="num" if n else None, **a)
        for h, n, a in zip(headers, numeric, attrs, strict=True)
    ]))
    body = html.Tbody([
        html.Tr([
            (html.Th if i == 0 else html.Td)(
                c, className="num" if numeric[i] else None, **({"scope": "row"} if i == 0 else {})
            )
            for i, c in enumerate(row)
        ])
        for row in rows
    ])
    return html.Div(
        html.Table([html.Caption(caption), head, body], className=f"data {class_name}".strip()),
        className="table-scroll", tabIndex="0", role="region", **{"aria-label": caption},
    )


def chart_block(title: str, figure: dict, table: html.Div, show_table: str, note: str = "",
                block_id: str | None = None, level: int = 3) -> html.Section:
    """A chart with its title (a heading of ``level``, one below the section it sits in), an
    optional note, and its data as a table behind a toggle."""
    graph = dcc.Graph(figure=figure, config={"displayModeBar": False, "responsive": True},
                      className="chart")
    heading = {2: html.H2, 3: html.H3, 4: html.H4}[level]
    children: list[Any] = [heading(title),
                           html.Div(graph, role="img", **{"aria-label": title})]
    if note:
        children.append(html.P(note, className="note"))
    children.append(html.Details([html.Summary(show_table), table], className="chart-table"))
    return html.Section(children, className="chart-block", id=block_id)
