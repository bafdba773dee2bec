"""Removal curves read for drawing: thinned to fixed time buckets, and read at set times.

Bucket ends fall on every time the page reports (6 h … 30 days), so the value read at those
times is exact, while the points drawn stay at most ``BUCKETS`` whatever the number of items.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dashboard.db import Session

HORIZON = 720.0   # hours drawn: 30 days
BUCKETS = 600     # 1.2 h each; 6, 24, 48, 72, 168, 336 and 720 h are bucket ends
LANDMARKS = (6.0, 24.0, 48.0, 72.0, 168.0, 336.0, 720.0)


@dataclass
class Curve:
    points: list[dict[str, Any]]  # steps up to the horizon, in time order
    t_last: float                 # time of the curve's last step (beyond it: not estimated)

    def at(self, hours: float) -> float | None:
        """The cumulative incidence at ``hours`` (the last step at or before it)."""
        if hours > self.t_last:
            return None
        value = 0.0
        for point in self.points:
            if point["t_hours"] > hours:
                break
            value = point["cif"]
        return value


def load(session: Session, group_type: str, group_key: str) -> Curve | None:
    rows = session.rows("cif_curve", group_type=group_type, group_key=group_key,
                        width=HORIZON / BUCKETS, buckets=BUCKETS)
    if not rows:
        return None
    return Curve([r for r in rows if r["bucket"] <= BUCKETS], rows[-1]["t_hours"])
