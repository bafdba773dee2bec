"""The statistics computed in SQL, cross-checked against independent references to 1e-9:
statsmodels (Wilson), lifelines (Kaplan-Meier, Aalen-Johansen) and direct computations."""

from __future__ import annotations

import math
import random
import warnings
from collections import defaultdict

import duckdb
import pytest
import scoring_test_helpers as h
from lifelines import AalenJohansenFitter, KaplanMeierFitter
from lifelines.utils import median_survival_times
from statsmodels.stats.proportion import proportion_confint

from core import methodology
from core.paths import PLATFORMS_DIR
from core.registry import load_registry
from scoring.warehouse import run_sql_file

TOL = 1e-9
CELL = "group_type = 'platform' AND group_key = 'telegram' AND dim_type = 'total'"
CURVE = f"cell_id = (SELECT cell_id FROM cells WHERE {CELL})"


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def same_steps(ours: list[tuple], reference: list[tuple]) -> bool:
    assert len(ours) == len(reference)
    for a, b in zip(ours, reference, strict=True):
        assert a == pytest.approx(b, abs=TOL)
    return True


def _km_items(rng: random.Random, n: int, ties: bool) -> tuple[list[h.Item], list, list]:
    """First responses (pending items acknowledged) and censorings at whole minutes."""
    items, times, events = [], [], []
    pool = rng.sample(range(1, 20_000), n) if not ties else None
    for i in range(n):
        minutes = pool[i] if pool else rng.randint(1, 40) * 30
        responded = rng.random() < 0.7
        hours = minutes / 60
        if responded:
            items.append(h.Item("telegram", "pending", response_h=hours, as_of_h=400))
        else:
            items.append(h.Item("telegram", "no_response", as_of_h=hours))
        times.append(hours)
        events.append(responded)
    return items, times, events


def _aj_items(rng: random.Random, n: int, minute_pool: int) -> tuple[list[h.Item], list, list]:
    """Removals, refusals and censorings at whole minutes drawn from a pool (small: ties)."""
    items, times, kinds = [], [], []
    for _ in range(n):
        hours = rng.randint(1, minute_pool) / 60
        kind = rng.choices((0, 1, 2), weights=(2, 5, 2))[0]
        if kind == 1:
            items.append(h.Item("telegram", "removed", removed_h=hours, as_of_h=1000))
        elif kind == 2:
            items.append(h.Item("telegram", "refused", response_h=hours, as_of_h=1000))
        else:
            items.append(h.Item("telegram", rng.choice(("pending", "no_response")),
                                as_of_h=hours))
        times.append(hours)
        kinds.append(kind)
    return items, times, kinds


@pytest.mark.parametrize("count,nobs", [(0, 1), (1, 1), (0, 7), (3, 7), (7, 7), (89, 100),
                                        (1194, 1342), (1, 250), (249, 250)])
def test_wilson_matches_statsmodels(count: int, nobs: int) -> None:
    con = duckdb.connect()
    con.execute("SET VARIABLE z = ?", [methodology.load().z])
    con.execute("CREATE TEMP TABLE cell_counts AS SELECT 1 AS cell_id, 'platform' AS "
                "group_type, 'x' AS group_key, 'total' AS dim_type, 'total' AS dim_key, "
                "?::BIGINT AS items, ?::BIGINT AS removed", [nobs, count])
    run_sql_file(con, "models/21_wilson.sql")
    rate, low, high = con.execute(
        "SELECT removal_rate, removal_ci_low, removal_ci_high FROM cell_wilson").fetchone()
    ref_low, ref_high = proportion_confint(count, nobs, alpha=0.05, method="wilson")
    assert rate == pytest.approx(count / nobs, abs=TOL)
    assert low == pytest.approx(max(0.0, ref_low), abs=TOL)
    assert high == pytest.approx(min(1.0, ref_high), abs=TOL)


@pytest.mark.parametrize("seed,n,ties", [(1, 40, False), (2, 300, False), (3, 200, True),
                                         (4, 15, True)])
def test_kaplan_meier_matches_lifelines(computed, seed: int, n: int, ties: bool) -> None:
    items, times, events = _km_items(random.Random(seed), n, ties)
    con = computed(items)
    steps = _rows(con, f"SELECT t, s, s_low, s_high FROM km_band WHERE {CURVE} ORDER BY t")
    kmf = KaplanMeierFitter().fit(times, events)
    sf = kmf.survival_function_.iloc[:, 0]
    ci = kmf.confidence_interval_
    assert [t for t, *_ in steps] == sorted({t for t, e in zip(times, events, strict=False) if e})
    for t, s, low, high in steps:
        assert s == pytest.approx(sf.loc[t], abs=TOL)
        assert low == pytest.approx(ci.loc[t].iloc[0], abs=TOL)
        assert high == pytest.approx(ci.loc[t].iloc[1], abs=TOL)
    for (t, s, _v), (t_sql, s_sql, *_rest) in zip(h.kaplan_meier(times, events), steps,
                                                  strict=True):
        assert (t_sql, s_sql) == pytest.approx((t, s), abs=TOL)
    median, low, high = con.execute(
        "SELECT median_first_response_hours, median_first_response_ci_low, "
        f"median_first_response_ci_high FROM cell_metrics WHERE {CELL}").fetchone()
    ref = median_survival_times(kmf)
    ref_ci = median_survival_times(kmf.confidence_interval_).iloc[0]
    for ours, theirs in ((median, ref), (low, ref_ci.iloc[0]), (high, ref_ci.iloc[1])):
        if math.isinf(theirs):
            assert ours is None
        else:
            assert ours == pytest.approx(theirs, abs=TOL)


def test_km_median_exactly_one_half_counts(computed) -> None:
    """S steps to exactly 0.5 at 1 h: that is the median (the first t with S(t) <= 0.5)."""
    items = [h.Item("telegram", "pending", response_h=x, as_of_h=100) for x in (1, 2)]
    con = computed(items)
    assert _rows(con, f"SELECT median_first_response_hours FROM cell_metrics WHERE {CELL}") \
        == [(1.0,)]


@pytest.mark.parametrize("seed,n", [(5, 60), (6, 400)])
def test_aalen_johansen_matches_lifelines_without_tied_types(computed, seed: int, n: int
                                                             ) -> None:
    """Distinct minutes for every item: lifelines needs no jitter, so it is exact."""
    rng = random.Random(seed)
    items, times, kinds = [], [], []
    for minutes in rng.sample(range(1, 50_000), n):
        kind = rng.choices((0, 1, 2), weights=(2, 5, 2))[0]
        hours = minutes / 60
        if kind == 1:
            items.append(h.Item("telegram", "removed", removed_h=hours, as_of_h=1000))
        elif kind == 2:
            items.append(h.Item("telegram", "refused", response_h=hours, as_of_h=1000))
        else:
            items.append(h.Item("telegram", "pending", as_of_h=hours))
        times.append(hours)
        kinds.append(kind)
    con = computed(items)
    steps = _rows(con, f"SELECT t, cif, variance, ci_low, ci_high FROM aj_band WHERE {CURVE} "
                       "ORDER BY t")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a jitter warning would mean the data had ties
        ajf = AalenJohansenFitter(calculate_variance=True).fit(times, kinds,
                                                               event_of_interest=1)
    cif = ajf.cumulative_density_.iloc[:, 0]
    variance = ajf.variance_
    bounds = ajf.confidence_interval_
    variance.index = cif.index
    checked = 0
    for t, f, var, low, high in steps:
        assert f == pytest.approx(cif.loc[t], abs=TOL)
        if math.isfinite(variance.loc[t]):
            assert var == pytest.approx(variance.loc[t], abs=TOL)
        ref = sorted(bounds.loc[t])
        if low is not None and all(math.isfinite(b) for b in ref):
            assert (low, high) == pytest.approx(tuple(ref), abs=TOL)
            checked += 1
    assert checked > n // 10
    for (t, f), (t_sql, f_sql, *_rest) in zip(h.aalen_johansen(times, kinds), steps,
                                              strict=True):
        assert (t_sql, f_sql) == pytest.approx((t, f), abs=TOL)


@pytest.mark.parametrize("seed,pool", [(7, 30), (8, 3000), (9, 5)])
def test_aalen_johansen_ties_match_direct_computation(computed, seed: int, pool: int) -> None:
    """Removals, refusals and censorings at the same minute: processed together, and all
    of them in the risk set at that time."""
    items, times, kinds = _aj_items(random.Random(seed), 250, pool)
    assert len(set(times)) < len(times)  # the data really has ties
    con = computed(items)
    steps = _rows(con, f"SELECT t, cif FROM aj_steps WHERE {CURVE} ORDER BY t")
    assert same_steps(steps, h.aalen_johansen(times, kinds))
    # The horizons read the last step at or before them.
    c24, c48 = con.execute(
        f"SELECT cif_removed_24h, cif_removed_48h FROM cell_metrics WHERE {CELL}").fetchone()
    last = [f for t, f in h.aalen_johansen(times, kinds) if t <= 24]
    censored_last = max(times) == max(t for t, k in zip(times, kinds, strict=True) if k == 0)
    if max(times) < 24 and censored_last:  # unknown fates past the follow-up
        assert c24 is None
    else:
        assert c24 == pytest.approx(last[-1] if last else 0.0, abs=TOL)
    assert (c48 is None) == (max(times) < 48 and censored_last)


def test_removals_at_time_zero(computed) -> None:
    """Removed the moment it was reported: the curve's first step is at 0."""
    items = [h.Item("telegram", "removed", removed_h=0, as_of_h=500)] * 3 + [
        h.Item("telegram", "removed", removed_h=5, as_of_h=500),
        h.Item("telegram", "refused", response_h=0, as_of_h=500),
        h.Item("telegram", "no_response", as_of_h=500)]
    con = computed(items)
    steps = _rows(con, f"SELECT t, cif FROM aj_steps WHERE {CURVE} ORDER BY t")
    times = [0, 0, 0, 5, 0, 500]
    kinds = [1, 1, 1, 1, 2, 0]
    assert same_steps(steps, h.aalen_johansen(times, kinds))
    assert steps[0] == (0.0, pytest.approx(3 / 6))
    median = _rows(con, f"SELECT median_first_response_hours FROM cell_metrics WHERE {CELL}")
    assert median == [(0.0,)]


def test_all_censored(computed) -> None:
    items = [h.Item("telegram", "no_response", as_of_h=x) for x in (100, 200, 300, 400, 500)]
    con = computed(items)
    assert _rows(con, f"SELECT * FROM aj_steps WHERE {CURVE}") == []
    assert _rows(con, f"SELECT * FROM km_steps WHERE {CURVE}") == []
    row = _rows(con, "SELECT removal_rate, cif_removed_24h, cif_removed_7d, "
                     "median_first_response_hours, no_response_30d_share FROM cell_metrics "
                     f"WHERE {CELL}")
    assert row == [(0.0, 0.0, 0.0, None, None)]  # followed < 30 days: no base for the share


def test_no_response_share_uses_only_items_followed_30_days(computed) -> None:
    day = 24
    items = [
        h.Item("telegram", "no_response", as_of_h=40 * day),           # in base, unanswered
        h.Item("telegram", "pending", response_h=31 * day, as_of_h=40 * day),  # answered late
        h.Item("telegram", "removed", removed_h=2 * day, as_of_h=40 * day),    # answered
        h.Item("telegram", "no_response", as_of_h=10 * day),           # too recent: not in base
        h.Item("telegram", "removed", removed_h=1, as_of_h=10 * day),  # too recent: not in base
    ]
    con = computed(items)
    assert _rows(con, f"SELECT followed_30d, no_response_30d, no_response_30d_share "
                      f"FROM cell_metrics WHERE {CELL}") == [(3, 2, pytest.approx(2 / 3))]


def test_one_item_platform(computed) -> None:
    con = computed([h.Item("telegram", "removed", removed_h=3, as_of_h=100)])
    row = _rows(con, "SELECT items, removed, removal_rate, cif_removed_24h, "
                     f"median_first_response_hours FROM cell_metrics WHERE {CELL}")
    assert row == [(1, 1, 1.0, 1.0, 3.0)]
    low, high = proportion_confint(1, 1, method="wilson")
    assert _rows(con, f"SELECT removal_ci_low, removal_ci_high FROM cell_wilson WHERE {CELL}") \
        == [(pytest.approx(low, abs=TOL), pytest.approx(high, abs=TOL))]


def test_cif_horizon_beyond_follow_up_is_not_estimated(computed) -> None:
    items = [h.Item("telegram", "removed", removed_h=2, as_of_h=30),
             h.Item("telegram", "pending", as_of_h=30)]
    con = computed(items)
    assert _rows(con, "SELECT cif_removed_24h, cif_removed_48h, cif_removed_7d FROM "
                      f"cell_metrics WHERE {CELL}") == [(0.5, None, None)]


def test_groups_by_category_quarter_and_channel(computed) -> None:
    items = [h.Item("telegram", "removed", removed_h=1, channel="email"),
             h.Item("facebook", "removed", removed_h=1, channel="web_form"),
             h.Item(None, "refused", response_h=2, channel="email"),
             h.Item("google_search", "removed", removed_h=2401, reported_h=2400,
                    as_of_h=3000)]
    con = computed(items)
    rows = dict(((g, k, d, dk), n) for g, k, d, dk, n in _rows(
        con, "SELECT group_type, group_key, dim_type, dim_key, items FROM cell_metrics"))
    assert rows[("all", "all", "total", "total")] == 4
    assert rows[("category", "social_media", "total", "total")] == 2
    assert rows[("category", "unregistered", "total", "total")] == 1
    assert rows[("all", "all", "channel", "email")] == 2
    assert rows[("all", "all", "period", "2022-Q1")] == 3
    assert rows[("all", "all", "period", "2022-Q2")] == 1
    assert not any(k is None for (g, k, *_rest) in rows if g == "platform")


def _cells_of(con: duckdb.DuckDBPyConnection) -> dict[int, tuple[str, str, str, str]]:
    return {r[0]: tuple(r[1:]) for r in _rows(
        con, "SELECT cell_id, group_type, group_key, dim_type, dim_key FROM cells")}


@pytest.mark.parametrize("seed", [11, 12])
def test_every_group_curve_matches_direct_computation(computed, seed: int) -> None:
    """Groups whose event times differ (platforms, categories, channels, and all items
    together): censorings are pooled at event times shared by every group, so each group's
    risk sets, hence its Kaplan-Meier and Aalen-Johansen steps, must still be its own."""
    rng = random.Random(seed)
    category = {slug: p.category for slug, p in load_registry(PLATFORMS_DIR).items()}
    items, km, aj = [], [], []  # km: (time, responded); aj: (time, kind)
    for _ in range(400):
        platform = rng.choice(("telegram", "facebook", "pornhub", "google_search", None))
        channel = rng.choice(("email", "web_form"))
        hours = rng.randint(1, 300 if platform == "telegram" else 20_000) / 60
        later = hours + rng.randint(1, 600) / 60
        kind = rng.choice(("removed", "refused", "answered", "pending", "no_response"))
        if kind == "removed":
            item = h.Item(platform, kind, removed_h=hours, as_of_h=400, channel=channel)
            km.append((platform, channel, hours, True))
            aj.append((platform, channel, hours, 1))
        elif kind == "refused":
            item = h.Item(platform, kind, response_h=hours, as_of_h=400, channel=channel)
            km.append((platform, channel, hours, True))
            aj.append((platform, channel, hours, 2))
        elif kind == "answered":  # answered, fate still pending: censored for removal
            item = h.Item(platform, "pending", response_h=hours, as_of_h=later, channel=channel)
            km.append((platform, channel, hours, True))
            aj.append((platform, channel, later, 0))
        else:
            item = h.Item(platform, kind, as_of_h=hours, channel=channel)
            km.append((platform, channel, hours, False))
            aj.append((platform, channel, hours, 0))
        items.append(item)
    con = computed(items)

    def members(rows: list[tuple], cell: tuple[str, str, str, str]) -> list[tuple]:
        group_type, group_key, dim_type, dim_key = cell
        return [rest for platform, channel, *rest in rows
                if (group_type == "all"
                    or (group_type == "platform" and platform == group_key)
                    or (group_type == "category"
                        and category.get(platform, "unregistered") == group_key))
                and (dim_type != "channel" or channel == dim_key)]

    cells = _cells_of(con)
    km_steps, aj_steps = defaultdict(list), defaultdict(list)
    for cell_id, t, s in _rows(con, "SELECT cell_id, t, s FROM km_steps ORDER BY cell_id, t"):
        km_steps[cell_id].append((t, s))
    for cell_id, t, f, whole in _rows(
            con, "SELECT cell_id, t, cif, whole_curve FROM aj_steps ORDER BY cell_id, t"):
        aj_steps[cell_id].append((t, f, whole))
    assert len(cells) > 20
    for cell_id, cell in cells.items():
        times, events = zip(*members(km, cell), strict=True)
        reference = [(t, s) for t, s, _v in h.kaplan_meier(list(times), list(events))]
        assert same_steps(km_steps[cell_id], reference), cell
        times, kinds = zip(*members(aj, cell), strict=True)
        whole = cell[0] in ("platform", "category") and cell[2] == "total"
        reference = [(t, f) for t, f in h.aalen_johansen(list(times), list(kinds))
                     if whole or t <= 168]
        assert same_steps([(t, f) for t, f, _w in aj_steps[cell_id]], reference), cell
