"""Plotly figures in a colour-blind-safe palette (Okabe–Ito), labelled in the page language.

Hover texts are pre-formatted with Babel and passed as ``customdata`` so tooltips follow the
page's number format; the mode bar is hidden because its tooltips cannot be translated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from babel.numbers import get_decimal_symbol, get_group_symbol

from core.i18n import babel_locale

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision
# deficiency. Lines also differ by dash style so colour is never the only cue.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
             "#000000")
# The colours marks are drawn in: Okabe–Ito, with orange, sky blue and yellow darkened (same hue
# and saturation) to 3:1 against the white plot, as WCAG 1.4.11 asks of lines and bars.
MARKS = ("#0072B2", "#BB8100", "#009E73", "#CC79A7", "#1C95D9", "#D55E00", "#978E0C",
         "#000000")
PLOT_BACKGROUND = "#ffffff"
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
FONT = ('"Noto Sans CJK TC", "Noto Sans TC", "Noto Sans CJK HK", system-ui, -apple-system, '
        '"Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif')


@dataclass
class Series:
    """One line: x/y values, optional interval band, and hover texts (one per point, or one
    Plotly hover template for all: cheaper for long curves)."""

    name: str
    x: Sequence
    y: Sequence
    hover: Sequence[str] | str
    low: Sequence | None = None
    high: Sequence | None = None
    shape: str = "linear"  # "hv" for a step function such as a cumulative incidence


def _rgba(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _hover(hover: Sequence[str] | str) -> dict:
    if isinstance(hover, str):
        return {"hovertemplate": hover + "<extra></extra>"}
    return {"customdata": list(hover), "hovertemplate": "%{customdata}<extra></extra>"}


def base_layout(lang: str, height: int) -> dict:
    locale = babel_locale(lang)
    return {
        "height": height,
        "margin": {"l": 10, "r": 20, "t": 10, "b": 40},
        "font": {"family": FONT, "size": 13, "color": "#1a1a1a"},
        "separators": get_decimal_symbol(locale) + get_group_symbol(locale),
        "paper_bgcolor": PLOT_BACKGROUND,
        "plot_bgcolor": PLOT_BACKGROUND,
        "hoverlabel": {"font": {"family": FONT}},
        # above the plot, where rotated tick labels cannot run into it
        "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom",
                   "traceorder": "normal"},
    }


def _axis(title: str, percent: bool, **extra) -> dict:
    axis = {"title": {"text": title}, "gridcolor": "#e5e5e5", "zeroline": False,
            "automargin": True, **extra}
    if percent:
        axis.update(tickformat=".0%", range=[0, 1.02])
    return axis


def interval_bars(labels: Sequence[str], values: Sequence[float], lows: Sequence[float],
                  highs: Sequence[float], hover: Sequence[str], axis_title: str,
                  lang: str) -> dict:
    """Horizontal bars of a proportion with its 95% interval as an error bar."""
    layout = base_layout(lang, max(220, 34 * len(labels) + 80))
    layout.update(xaxis=_axis(axis_title, True),
                  yaxis={"autorange": "reversed", "automargin": True}, showlegend=False)
    return {"data": [{
        "type": "bar", "orientation": "h", "y": list(labels), "x": list(values),
        "marker": {"color": MARKS[0]},
        "error_x": {"type": "data", "symmetric": False, "color": "#1a1a1a", "thickness": 1.5,
                    "array": [h - v for v, h in zip(values, highs, strict=True)],
                    "arrayminus": [v - lo for v, lo in zip(values, lows, strict=True)]},
        "customdata": list(hover), "hovertemplate": "%{customdata}<extra></extra>",
    }], "layout": layout}


def bars(labels: Sequence[str], values: Sequence[float], hover: Sequence[str], axis_title: str,
         lang: str, percent: bool = True, colour: int = 0) -> dict:
    """Horizontal bars of shares (``percent``) or counts."""
    layout = base_layout(lang, max(200, 34 * len(labels) + 80))
    layout.update(xaxis=_axis(axis_title, percent),
                  yaxis={"autorange": "reversed", "automargin": True}, showlegend=False)
    return {"data": [{
        "type": "bar", "orientation": "h", "y": list(labels), "x": list(values),
        "marker": {"color": MARKS[colour % len(MARKS)]},
        "customdata": list(hover), "hovertemplate": "%{customdata}<extra></extra>",
    }], "layout": layout}


def lines(series: Sequence[Series], x_title: str, y_title: str, lang: str, percent: bool = True,
          x_type: str = "linear", height: int = 360) -> dict:
    """Lines with optional 95% bands, each in its own colour and dash style."""
    data: list[dict] = []
    for i, s in enumerate(series):
        colour = MARKS[i % len(MARKS)]
        if s.low is not None and s.high is not None:
            band = {"type": "scatter", "mode": "lines", "x": list(s.x), "hoverinfo": "skip",
                    "showlegend": False, "name": s.name, "line": {"width": 0, "shape": s.shape}}
            data.append({**band, "y": list(s.high)})
            data.append({**band, "y": list(s.low), "fill": "tonexty",
                         "fillcolor": _rgba(colour, 0.15)})
        data.append({"type": "scatter", "mode": "lines+markers" if s.shape == "linear" else
                     "lines", "x": list(s.x), "y": list(s.y), "name": s.name,
                     "line": {"color": colour, "dash": DASHES[i % len(DASHES)], "width": 2.5,
                              "shape": s.shape},
                     **_hover(s.hover)})
    layout = base_layout(lang, height)
    several = len(series) > 1  # a single line is named by the chart's title
    layout.update(xaxis=_axis(x_title, False, type=x_type),
                  yaxis=_axis(y_title, percent), showlegend=several)
    if several:
        layout["margin"]["t"] = 40
    return {"data": data, "layout": layout}
