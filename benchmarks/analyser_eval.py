"""Score the NCII policy analyser against hand-labelled real policies.

    python benchmarks/analyser_eval.py [--corpus DIR] [--devset DIR] [--show-errors]

Two labelled sets are read, both kept outside this repository:

- the research corpus (``research/corpus`` in the shared research folder; ``$TADA_SHARED`` or
  the folder beside the repository) with ``LABELS-dev.tsv``, hand labels for part of it. Its
  unlabelled documents are held out for a later evaluation and are not analysed here: they
  have no labels to score against.
- the development set (``--devset``, ``$TADA_DEVSET_DIR`` or ``../devset`` beside the
  repository): ``labels.tsv`` and ``texts/<doc_id>.md``. The labels and their sources are also
  kept in ``benchmarks/devset/labels.tsv`` (without the texts).

For every feature the script prints precision and recall of each answer, a confusion table and
the list of disagreements (``--show-errors`` adds the quotes the analyser gave). Corpus labels
use yes / unclear / no and are mapped: prohibits_ncii yes→yes, unclear→partial; a reporting
channel that is only generic ("unclear") counts as no; third-party reporting unclear→unknown.
A set that is absent is skipped with a message; the script exits 0.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from crawlers.analysis.analyser import analyse  # noqa: E402
from crawlers.extract import decode_html  # noqa: E402

SHARED = Path(os.environ.get("TADA_SHARED") or REPO.parent / "shared")
DEVSET = Path(os.environ.get("TADA_DEVSET_DIR") or REPO.parent / "devset")
# The analyser's features scored here, each with the answer whose precision and recall matter
# most (a "yes" for the features a platform is credited for; "no" for the account barrier).
FEATURES = {
    "prohibits_ncii": "yes",
    "ncii_reporting_channel": "yes",
    "third_party_reporting": "yes",
    "account_required_to_report": "no",
    "hash_matching": "yes",
}
CORPUS_COLUMNS = {
    "prohibits_ncii": ("prohibits_ncii", {"yes": "yes", "unclear": "partial", "no": "no"}),
    "ncii_reporting_channel_described": (
        "ncii_reporting_channel", {"yes": "yes", "unclear": "no", "no": "no"}),
    "third_party_reporting_allowed": (
        "third_party_reporting", {"yes": "yes", "unclear": "unknown", "no": "no"}),
    "mentions_hash_matching_or_StopNCII": ("hash_matching", {"yes": "yes", "no": "no"}),
}
SUPPORTED = {"en", "zh-Hant", "zh-Hans"}


@dataclass
class Case:
    """One labelled document: its labels (feature → answer) and the analyser's result."""
    name: str
    gold: dict[str, str]
    result: dict = field(default_factory=dict)

    @property
    def language(self) -> str | None:
        langs = self.result.get("languages") or []
        return langs[0] if langs else None


def kind_of(path: Path) -> str:
    return {".html": "html", ".htm": "html", ".md": "markdown"}.get(path.suffix, "text")


def analyse_file(path: Path) -> dict:
    return analyse(decode_html(path.read_bytes(), None), None, kind_of(path))


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def corpus_cases(corpus: Path) -> tuple[list[Case], int]:
    """The labelled corpus documents, and how many documents are held out unlabelled."""
    rows = read_tsv(corpus / "LABELS-dev.tsv")
    cases = []
    for row in rows:
        gold = {feature: mapping[row[column]]
                for column, (feature, mapping) in CORPUS_COLUMNS.items()}
        case = Case(row["file"], gold)
        case.result = analyse_file(corpus / row["file"])
        cases.append(case)
    documents = [p for p in corpus.glob("*/*") if p.is_file()]
    return cases, len(documents) - len(rows)


def devset_cases(devset: Path) -> list[Case]:
    cases = []
    for row in read_tsv(devset / "labels.tsv"):
        gold = {f: row[f] for f in FEATURES if row.get(f)}
        case = Case(row["doc_id"], gold)
        case.result = analyse_file(devset / "texts" / f"{row['doc_id']}.md")
        cases.append(case)
    return cases


def precision_recall(pairs: list[tuple[str, str]], answer: str) -> tuple[str, str]:
    """Precision and recall of one answer, as "0.90 (9/10)"; "-" when undefined."""
    hits = sum(g == p == answer for g, p in pairs)
    said = sum(p == answer for _, p in pairs)
    truth = sum(g == answer for g, _ in pairs)

    def ratio(num: int, den: int) -> str:
        return f"{num / den:.2f} ({num}/{den})" if den else "-"
    return ratio(hits, said), ratio(hits, truth)


def confusion(pairs: list[tuple[str, str]]) -> str:
    gold = sorted({g for g, _ in pairs})
    pred = sorted({p for _, p in pairs} | set(gold))
    counts = Counter(pairs)
    width = max(len(x) for x in [*pred, *gold, "label \\ analyser"]) + 2
    lines = ["label \\ analyser".ljust(width) + "".join(p.rjust(width) for p in pred)]
    for g in gold:
        lines.append(g.ljust(width) + "".join(str(counts[(g, p)]).rjust(width) for p in pred))
    return "\n".join("      " + line for line in lines)


def pairs_of(cases: Iterable[Case], feature: str) -> list[tuple[str, str]]:
    return [(c.gold[feature], str(c.result[feature])) for c in cases if feature in c.gold]


def report(title: str, cases: list[Case], show_errors: bool) -> None:
    supported = [c for c in cases if c.language in SUPPORTED]
    langs = Counter(c.language or "none" for c in cases)
    print(f"\n=== {title}: {len(cases)} labelled documents "
          f"({', '.join(f'{k} {v}' for k, v in langs.most_common())})")
    print("  feature                      answer  precision      recall        "
          "| en/zh only: precision  recall")
    for feature, answer in FEATURES.items():
        pairs = pairs_of(cases, feature)
        if not pairs:
            continue
        answers = [answer] + sorted({g for g, _ in pairs} - {answer, "unknown"})
        for a in answers:
            p, r = precision_recall(pairs, a)
            sp, sr = precision_recall(pairs_of(supported, feature), a)
            print(f"  {feature:28s} {a:7s} {p:14s} {r:14s}| {sp:14s} {sr}")
    explicit = [("yes" if g == "yes" else "not", "yes" if p == "yes" else "not")
                for g, p in pairs_of(cases, "prohibits_ncii")]
    p, r = precision_recall(explicit, "yes")
    print(f"  prohibits_ncii (explicit rule or not): precision {p}, recall {r}")
    for feature in FEATURES:
        pairs = pairs_of(cases, feature)
        if pairs:
            print(f"\n    Confusion: {feature}\n{confusion(pairs)}")
    errors = [(c, f) for c in cases for f in FEATURES
              if f in c.gold and c.gold[f] != str(c.result[f])]
    print(f"\n  Disagreements with the labels ({len(errors)}):")
    for case, feature in errors:
        print(f"    {case.name}: {feature} label={case.gold[feature]} "
              f"analyser={case.result[feature]} (language {case.language})")
        if show_errors:
            for e in case.result["evidence"]:
                if e["feature"] == feature:
                    print(f"        > {e['quote'][:200]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "research" / "corpus")
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--show-errors", action="store_true", help="print quotes of mistakes")
    args = parser.parse_args()
    start = time.perf_counter()
    ran = 0
    if (args.corpus / "LABELS-dev.tsv").is_file():
        cases, held_out = corpus_cases(args.corpus)
        report(f"Research corpus ({args.corpus})", cases, args.show_errors)
        print(f"\n  {held_out} corpus documents are held out without labels: not analysed, "
              "nothing to score.")
        ran += 1
    else:
        print(f"analyser_eval: no labelled corpus at {args.corpus}; skipped.")
    if (args.devset / "labels.tsv").is_file():
        report(f"Development set ({args.devset})", devset_cases(args.devset), args.show_errors)
        ran += 1
    else:
        print(f"analyser_eval: no development set at {args.devset}; skipped.")
    if ran:
        print(f"\n({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
