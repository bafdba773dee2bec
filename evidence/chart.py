"""The cumulative-incidence chart as inline SVG: a step function with its 95% band.

Drawn by hand (no browser or image toolkit) so the PDF renders offline and byte-stably. Time
runs on a square-root scale so the first 48 hours, where the deadlines are, stay readable
beside a 30-day tail.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 44
MAX_HOURS = 720.0
TICKS = ((0, "0"), (6, "6 h"), (24, "24 h"), (48, "48 h"), (168, "7 d"), (336, "14 d"),
         (720, "30 d"))
# Okabe–Ito colours: distinguishable with the common forms of colour blindness.
PLATFORM_COLOUR, CATEGORY_COLOUR = "#0072B2", "#D55E00"


@dataclass(frozen=True)
class Series:
    label: str
    rows: Sequence[dict[str, Any]]   # t_hours, cif, ci_low, ci_high (fractions 0–1)
    colour: str
    dashed: bool = False
    band: bool = True


def _x(hours: float) -> float:
    frac = math.sqrt(max(0.0, min(hours, MAX_HOURS)) / MAX_HOURS)
    return LEFT + frac * (WIDTH - LEFT - RIGHT)


def _y(value: float) -> float:
    return TOP + (1.0 - max(0.0, min(value, 1.0))) * (HEIGHT - TOP - BOTTOM)


def _steps(rows: Sequence[dict[str, Any]], column: str) -> list[tuple[float, float]]:
    """Corner points of a right-continuous step function starting at 0, out to 30 days."""
    points = [(_x(0), _y(0))]
    level = 0.0
    for row in sorted(rows, key=lambda r: r["t_hours"]):
        value = row.get(column)
        if value is None or row["t_hours"] is None or row["t_hours"] > MAX_HOURS:
            continue
        x = _x(row["t_hours"])
        points += [(x, _y(level)), (x, _y(value))]
        level = value
    points.append((_x(MAX_HOURS), _y(level)))
    return points


def _d(points: list[tuple[float, float]]) -> str:
    return "M" + " L".join(f"{x:.2f},{y:.2f}" for x, y in points)


def _series_svg(series: Series) -> list[str]:
    parts = []
    if series.band and any(r.get("ci_low") is not None for r in series.rows):
        upper = _steps(series.rows, "ci_high")
        lower = _steps(series.rows, "ci_low")
        band = _d(upper + lower[::-1]) + " Z"
        parts.append(f'<path d="{band}" fill="{series.colour}" fill-opacity="0.15" '
                     'stroke="none"/>')
    dash = ' stroke-dasharray="6,4"' if series.dashed else ""
    parts.append(f'<path d="{_d(_steps(series.rows, "cif"))}" fill="none" '
                 f'stroke="{series.colour}" stroke-width="2"{dash}/>')
    return parts


def _axes(x_label: str, y_label: str, deadline_label: str) -> list[str]:
    parts = [f'<rect x="{LEFT}" y="{TOP}" width="{WIDTH - LEFT - RIGHT}" '
             f'height="{HEIGHT - TOP - BOTTOM}" fill="none" stroke="#888" stroke-width="0.8"/>']
    for pct in (0, 25, 50, 75, 100):
        y = _y(pct / 100)
        parts.append(f'<line x1="{LEFT}" y1="{y:.2f}" x2="{WIDTH - RIGHT}" y2="{y:.2f}" '
                     'stroke="#ddd" stroke-width="0.6"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y + 3:.2f}" text-anchor="end" '
                     f'font-size="10">{pct}%</text>')
    for hours, label in TICKS:
        x = _x(hours)
        parts.append(f'<line x1="{x:.2f}" y1="{HEIGHT - BOTTOM}" x2="{x:.2f}" '
                     f'y2="{HEIGHT - BOTTOM + 4}" stroke="#444"/>')
        parts.append(f'<text x="{x:.2f}" y="{HEIGHT - BOTTOM + 15}" text-anchor="middle" '
                     f'font-size="10">{label}</text>')
    x48 = _x(48)
    parts.append(f'<line x1="{x48:.2f}" y1="{TOP}" x2="{x48:.2f}" y2="{HEIGHT - BOTTOM}" '
                 'stroke="#444" stroke-width="0.8" stroke-dasharray="2,3"/>')
    parts.append(f'<text x="{x48 + 4:.2f}" y="{TOP + 11}" font-size="9" fill="#333">'
                 f'{escape(deadline_label)}</text>')
    parts.append(f'<text x="{(LEFT + WIDTH - RIGHT) / 2:.2f}" y="{HEIGHT - 6}" '
                 f'text-anchor="middle" font-size="10">{escape(x_label)}</text>')
    parts.append(f'<text transform="translate(13,{(TOP + HEIGHT - BOTTOM) / 2:.2f}) '
                 f'rotate(-90)" text-anchor="middle" font-size="10">{escape(y_label)}</text>')
    return parts


def _legend(series: Sequence[Series]) -> list[str]:
    parts = []
    for i, s in enumerate(series):
        y = TOP + 28 + i * 15
        x = WIDTH - RIGHT - 250
        dash = ' stroke-dasharray="6,4"' if s.dashed else ""
        parts.append(f'<line x1="{x}" y1="{y}" x2="{x + 22}" y2="{y}" stroke="{s.colour}" '
                     f'stroke-width="2"{dash}/>')
        parts.append(f'<text x="{x + 28}" y="{y + 3}" font-size="9.5">{escape(s.label)}</text>')
    return parts


def cif_chart(series: Sequence[Series], x_label: str, y_label: str, deadline_label: str,
              title: str, font: str = "sans-serif") -> str:
    """An SVG element plotting each series' cumulative incidence of removal over 30 days.

    ``font`` is named on the element: SVG text does not inherit the page's CSS fonts.
    """
    body = _axes(x_label, y_label, deadline_label)
    for s in series:
        body += _series_svg(s)
    body += _legend(series)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
            f'font-family="{escape(font)}" viewBox="0 0 {WIDTH} {HEIGHT}" '
            f'width="{WIDTH}" height="{HEIGHT}">'
            f"<title>{escape(title)}</title>" + "".join(body) + "</svg>")
