"""A seeded generator of synthetic case logs, calibrated to the Ta-DA service report 2021-23.

The sample log shipped in ``datasets/takedowns/`` is made by this module; nothing in it
describes a real person or a real piece of content. Marginal figures (cases, items, shares by
category, gender and relation, removal share per category) match the report exactly; times to
response and removal are drawn per platform so that platforms differ as real ones do.

    python -m scoring.synthetic --out datasets/takedowns/sample-case-log.csv
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

HKT = dt.timezone(dt.timedelta(hours=8))
PERIOD_START = dt.date(2021, 4, 1)
PERIOD_END = dt.date(2023, 3, 31)
EXTRACTED = dt.datetime(2023, 4, 30, 18, 0, tzinfo=HKT)
SEED = 20230331

GENDERS = {"female": 122, "male": 38, "other": 6, "undisclosed": 5}
RELATIONS = {"intimate_partner": 47, "online_acquaintance": 27, "unknown": 56,
             "former_partner": 16, "friend": 12, "family": 6, "colleague": 4, "other": 3}
# Removed items per category, fixed so that the report's removal shares come out exactly.
CATEGORY_REMOVED = {"pornographic_site": 480, "social_media": 289, "search_engine": 296,
                    "image_hosting": 63, "content_farm": 66}


@dataclass(frozen=True)
class Profile:
    """How one synthetic platform behaves: volume, removal rate and speed, channels."""

    slug: str
    category: str
    items: int
    removal_rate: float
    removal_median_h: float
    ack_median_h: float | None  # None: the platform never acknowledges before acting
    refuse_share: float  # of the items not removed, the share refused (rest unanswered)
    channel: str
    labels: tuple[str, ...]  # how staff write the platform's name ("" = left blank)
    url_hosts: tuple[str, ...]
    yearly_speed: tuple[float, float] = (1.0, 1.0)  # time multiplier, first and second year


PROFILES: tuple[Profile, ...] = (
    Profile("pornhub", "pornographic_site", 150, 0.91, 70, 20, 0.3, "web_form",
            ("Pornhub", ""), ("www.pornhub.com", "pornhub.com")),
    Profile("xvideos", "pornographic_site", 140, 0.86, 110, None, 0.2, "web_form",
            ("XVideos", ""), ("www.xvideos.com",)),
    Profile("xnxx", "pornographic_site", 110, 0.84, 130, None, 0.2, "web_form",
            ("XNXX", ""), ("www.xnxx.com",)),
    Profile("xhamster", "pornographic_site", 80, 0.83, 95, 30, 0.4, "email",
            ("xHamster", ""), ("xhamster.com", "xhamster.com")),
    Profile("onlyfans", "pornographic_site", 34, 0.9, 30, 8, 0.6, "email",
            ("OnlyFans",), ("onlyfans.com",)),
    Profile("stripchat", "pornographic_site", 50, 0.72, 260, None, 0.2, "email",
            ("Stripchat", ""), ("stripchat.com",)),
    Profile("telegram", "social_media", 110, 0.78, 160, None, 0.05, "email",
            ("Telegram", "TG", ""), ("t.me", "t.me", "telegram.me"), (1.8, 0.7)),
    Profile("instagram", "social_media", 75, 0.95, 22, 4, 0.8, "in_app_report",
            ("Instagram", "IG", ""), ("www.instagram.com",)),
    Profile("facebook", "social_media", 60, 0.92, 34, 6, 0.8, "web_form",
            ("Facebook", "FB", ""), ("www.facebook.com", "m.facebook.com")),
    Profile("lihkg", "social_media", 45, 0.84, 50, None, 0.3, "email",
            ("LIHKG", "連登", ""), ("lihkg.com",), (1.6, 0.8)),
    Profile("x_twitter", "social_media", 20, 0.8, 90, 12, 0.7, "web_form",
            ("Twitter", "X", ""), ("twitter.com", "x.com")),
    Profile("reddit", "social_media", 10, 0.9, 20, 5, 0.8, "web_form",
            ("Reddit",), ("www.reddit.com",)),
    Profile("tiktok", "social_media", 8, 0.88, 15, 3, 0.8, "in_app_report",
            ("TikTok",), ("www.tiktok.com",)),
    Profile("youtube", "social_media", 4, 0.75, 40, 10, 0.9, "web_form",
            ("YouTube",), ("www.youtube.com",)),
    Profile("weibo", "social_media", 3, 0.67, 120, None, 0.5, "web_form",
            ("微博",), ("weibo.com",)),
    Profile("google_search", "search_engine", 190, 0.98, 140, 2, 0.9, "web_form",
            ("Google", ""), ("www.google.com", "www.google.com.hk")),
    Profile("bing", "search_engine", 60, 0.96, 200, 24, 0.9, "web_form",
            ("Bing", ""), ("www.bing.com",)),
    Profile("yahoo_search", "search_engine", 35, 0.94, 260, 48, 0.7, "web_form",
            ("Yahoo",), ("hk.search.yahoo.com",)),
    Profile("baidu", "search_engine", 20, 0.9, 330, None, 0.5, "email",
            ("百度", ""), ("www.baidu.com",)),
    Profile("imgur", "image_hosting", 45, 0.96, 18, None, 0.5, "email",
            ("Imgur", ""), ("imgur.com", "i.imgur.com")),
    Profile("flickr", "image_hosting", 22, 0.9, 60, 20, 0.7, "web_form",
            ("Flickr",), ("www.flickr.com",)),
    Profile("kknews", "content_farm", 41, 0.94, 300, None, 0.2, "email",
            ("每日頭條", ""), ("kknews.cc",)),
    Profile("read01", "content_farm", 30, 0.92, 380, None, 0.2, "email",
            ("壹讀", ""), ("read01.com",)),
)

COLUMNS = ("case_ref", "item_ref", "platform", "content_url", "reported_at",
           "first_response_at", "removed_at", "outcome", "channel", "follow_ups",
           "victim_gender", "perpetrator_relation")


def _exact_counts(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` by largest remainder (sums exactly)."""
    raw = [total * w / sum(weights) for w in weights]
    counts = [math.floor(r) for r in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: raw[i] - counts[i], reverse=True)
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _removed_per_platform() -> dict[str, int]:
    """Each platform's removed items, in proportion to its rate, summing to the category's."""
    result: dict[str, int] = {}
    for category, removed in CATEGORY_REMOVED.items():
        members = [p for p in PROFILES if p.category == category]
        counts = _exact_counts(removed, [p.items * p.removal_rate for p in members])
        for p, n in zip(members, counts, strict=True):
            result[p.slug] = min(n, p.items)
    return result


def _case_sizes(rng: random.Random, cases: int, items: int) -> list[int]:
    weights = [rng.lognormvariate(0, 1.1) for _ in range(cases)]
    sizes = [1 + n for n in _exact_counts(items - cases, weights)]
    return sizes


def _reported_times(rng: random.Random, n: int) -> list[dt.datetime]:
    """Report times in working hours, Hong Kong time, with demand growing over the period."""
    days = (PERIOD_END - PERIOD_START).days
    out = []
    for _ in range(n):
        day = PERIOD_START + dt.timedelta(days=int(days * math.sqrt(rng.random())))
        minute = rng.randrange(9 * 60, 21 * 60)
        out.append(dt.datetime.combine(day, dt.time(minute // 60, minute % 60), tzinfo=HKT))
    return sorted(out)


def _hours(rng: random.Random, median: float, sigma: float = 1.0) -> float:
    return median * math.exp(rng.gauss(0, sigma))


def _fmt(moment: dt.datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else ""


def _item_row(rng: random.Random, p: Profile, reported: dt.datetime, outcome: str
              ) -> dict[str, str]:
    speed = p.yearly_speed[0 if reported.date() < dt.date(2022, 4, 1) else 1]
    removed_at = response_at = None
    if outcome == "removed":
        while removed_at is None or removed_at > EXTRACTED:
            removed_at = reported + dt.timedelta(hours=_hours(rng, p.removal_median_h * speed))
        if p.ack_median_h is not None:
            ack = reported + dt.timedelta(hours=_hours(rng, p.ack_median_h * speed, 0.8))
            response_at = min(ack, removed_at)
    elif outcome == "refused":
        while response_at is None or response_at > EXTRACTED:
            response_at = reported + dt.timedelta(hours=_hours(rng, p.removal_median_h * speed))
    elif outcome == "pending" and p.ack_median_h is not None:
        ack = reported + dt.timedelta(hours=_hours(rng, p.ack_median_h, 0.8))
        response_at = ack if ack < EXTRACTED else None
    slow = (removed_at or response_at or EXTRACTED) - reported > dt.timedelta(days=7)
    token = "".join(rng.choice("abcdefghijkmnpqrstuvwxyz23456789") for _ in range(10))
    return {
        "platform": rng.choice(p.labels),
        "content_url": f"https://{rng.choice(p.url_hosts)}/synthetic/{token}",
        "reported_at": _fmt(reported),
        "first_response_at": _fmt(response_at),
        "removed_at": _fmt(removed_at),
        "outcome": outcome,
        "channel": "trusted_flagger" if p.slug in ("facebook", "instagram")
        and reported.year >= 2022 and rng.random() < 0.5 else p.channel,
        "follow_ups": str(rng.randint(1, 3) if slow else rng.choice((0, 0, 0, 1))),
    }


def _outcomes(rng: random.Random, p: Profile, removed: int, times: list[dt.datetime]
              ) -> list[str]:
    """Removed items, then refusals, unanswered and (for the latest reports) pending ones."""
    rest = p.items - removed
    refused = round(rest * p.refuse_share)
    unresolved = ["refused"] * refused + ["no_response"] * (rest - refused)
    rng.shuffle(unresolved)
    outcomes = ["removed"] * removed + unresolved
    rng.shuffle(outcomes)
    # An unanswered request made in the last six weeks is still pending, not abandoned.
    recent = EXTRACTED - dt.timedelta(days=42)
    return ["pending" if o == "no_response" and t > recent else o
            for o, t in zip(outcomes, times, strict=True)]


def generate(seed: int = SEED) -> Iterator[dict[str, str]]:
    """The sample case log's rows, in case order."""
    rng = random.Random(seed)
    removed = _removed_per_platform()
    pool: list[dict[str, str]] = []
    for p in PROFILES:
        times = _reported_times(rng, p.items)
        for when, outcome in zip(times, _outcomes(rng, p, removed[p.slug], times), strict=True):
            row = _item_row(rng, p, when, outcome)
            row["_reported"] = when.isoformat()
            pool.append(row)
    # A case's items are reported together: cut the time-ordered pool into cases.
    pool.sort(key=lambda r: r["_reported"])
    genders = [g for g, n in GENDERS.items() for _ in range(n)]
    relations = [r for r, n in RELATIONS.items() for _ in range(n)]
    rng.shuffle(genders)
    rng.shuffle(relations)
    sizes = _case_sizes(rng, len(genders), len(pool))
    start = 0
    cases = []
    for size in sizes:
        cases.append(pool[start:start + size])
        start += size
    for number, (rows, gender, relation) in enumerate(zip(cases, genders, relations,
                                                          strict=True), start=1):
        year = rows[0]["_reported"][:4]
        for item_number, row in enumerate(rows, start=1):
            row.pop("_reported")
            yield {"case_ref": f"SYN-{year}-{number:04d}", "item_ref": f"{item_number:03d}",
                   **row, "victim_gender": gender, "perpetrator_relation": relation}


def write_csv(path: Path, seed: int = SEED) -> int:
    rows = list(generate(seed))
    with path.open("w", newline="", encoding="utf-8") as fh:
        fh.write("# SYNTHETIC DATA generated by scoring/synthetic.py (seed "
                 f"{seed}); no real person or content. Extracted "
                 f"{EXTRACTED.date().isoformat()}.\n")
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    print(f"wrote {write_csv(args.out, args.seed)} rows to {args.out}")


if __name__ == "__main__":
    main()
