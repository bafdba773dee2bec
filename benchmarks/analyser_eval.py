"""Score the NCII policy analyser on the research corpus of real platform policies.

    python benchmarks/analyser_eval.py [--corpus DIR] [--show-errors] [--show-remedies]

The corpus (``research/corpus`` in the shared research folder; ``$TADA_SHARED`` or the folder
beside the repository) holds real policy documents and ``LABELS-dev.tsv``, hand labels for part
of them. Labels use yes / unclear / no; the analyser's answers are mapped as follows:

- prohibits_ncii: yes→yes, unclear→partial, no→no (strict, three classes), and "explicit NCII
  rule or not" (yes vs. anything else) since "unclear" also covers catch-all clauses
  ("others' rights") and missing text, which the analyser reports as "no".
- ncii_reporting_channel: yes→yes; unclear (only a generic route) and no→no.
- third_party_reporting: yes→yes, unclear→unknown, no→no.
- hash_matching: yes/no as labelled.

Unlabelled documents are analysed too and their answers listed, to check the rules on text
they were not tuned on. ``notice_of_outcome`` and ``appeal`` have no labels: their answers are
counted over the whole corpus and, with ``--show-remedies``, quoted for reading. Exits 0 with
a message when the corpus is absent.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from crawlers.analysis.analyser import analyse  # noqa: E402
from crawlers.extract import decode_html  # noqa: E402

SHARED = Path(os.environ.get("TADA_SHARED") or Path(__file__).resolve().parents[2] / "shared")
LABEL_MAP = {
    "prohibits_ncii": ("prohibits_ncii", {"yes": "yes", "unclear": "partial", "no": "no"}),
    "ncii_reporting_channel_described": (
        "ncii_reporting_channel", {"yes": "yes", "unclear": "no", "no": "no"}),
    "third_party_reporting_allowed": (
        "third_party_reporting", {"yes": "yes", "unclear": "unknown", "no": "no"}),
    "mentions_hash_matching_or_StopNCII": ("hash_matching", {"yes": "yes", "no": "no"}),
}
SUPPORTED = {"en", "zh-Hant", "zh-Hans"}
UNLABELLED_FEATURES = ("notice_of_outcome", "appeal")


def kind_of(path: Path) -> str:
    return {".html": "html", ".htm": "html", ".md": "markdown"}.get(path.suffix, "text")


def run(path: Path) -> tuple[dict, float]:
    start = time.perf_counter()
    result = analyse(decode_html(path.read_bytes(), None), None, kind_of(path))
    return result, time.perf_counter() - start


def read_labels(corpus: Path) -> list[dict[str, str]]:
    with (corpus / "LABELS-dev.tsv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def confusion(pairs: list[tuple[str, str]]) -> str:
    gold = sorted({g for g, _ in pairs})
    pred = sorted({p for _, p in pairs} | set(gold))
    counts = Counter(pairs)
    width = max(len(x) for x in [*pred, *gold, "label \\ analyser"]) + 2
    lines = ["label \\ analyser".ljust(width) + "".join(p.rjust(width) for p in pred)]
    for g in gold:
        lines.append(g.ljust(width) + "".join(str(counts[(g, p)]).rjust(width) for p in pred))
    return "\n".join("    " + line for line in lines)


def report_unlabelled(results: dict[str, dict], show_quotes: bool) -> None:
    """Answers for the features without labels: counts by document and by platform, and the
    quotes to read when asked."""
    print(f"\nFeatures without labels, over {len(results)} documents "
          "(a platform counts once, with its best answer):")
    rank = {"yes": 2, "no": 1, "unknown": 0}
    for feature in UNLABELLED_FEATURES:
        docs = Counter(r[feature] for r in results.values())
        best: dict[str, str] = {}
        for file, r in results.items():
            platform = file.split("/")[0]
            if rank[r[feature]] >= rank[best.get(platform, "unknown")]:
                best[platform] = r[feature]
        platforms = Counter(best.values())
        cells = "  ".join(f"{a} {docs[a]:3d}" for a in rank)
        pcells = "  ".join(f"{a} {platforms[a]:3d}" for a in rank)
        print(f"  {feature:20s} documents: {cells}   platforms: {pcells}")
    both = sum(all(r[f] == "yes" for f in UNLABELLED_FEATURES) for r in results.values())
    print(f"  both yes in one document: {both}")
    if not show_quotes:
        return
    for file, r in results.items():
        for feature in UNLABELLED_FEATURES:
            quotes = [e["quote"] for e in r["evidence"] if e["feature"] == feature]
            if quotes:
                print(f"  {file}: {feature}={r[feature]}")
                for quote in quotes:
                    print(f"      > {quote[:200]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "research" / "corpus")
    parser.add_argument("--show-errors", action="store_true", help="print quotes of mistakes")
    parser.add_argument("--show-remedies", action="store_true",
                        help="print the quotes behind notice_of_outcome and appeal")
    args = parser.parse_args()
    if not (args.corpus / "LABELS-dev.tsv").is_file():
        print(f"analyser_eval: no labelled corpus at {args.corpus}; skipped.")
        return 0

    labels = read_labels(args.corpus)
    labelled = {row["file"] for row in labels}
    results, seconds = {}, 0.0
    files = sorted(p for p in args.corpus.glob("*/*") if p.is_file())
    for path in files:
        results[path.relative_to(args.corpus).as_posix()], took = run(path)
        seconds += took
    print(f"Analysed {len(files)} documents ({sum(p.stat().st_size for p in files) / 1e6:.1f} MB)"
          f" in {seconds:.1f} s; {len(labelled)} are labelled.\n")

    pairs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    supported_pairs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    errors = []
    for row in labels:
        result = results[row["file"]]
        primary = result["languages"][0] if result["languages"] else None
        for column, (feature, mapping) in LABEL_MAP.items():
            pair = (mapping[row[column]], result[feature])
            pairs[feature].append(pair)
            if primary in SUPPORTED:
                supported_pairs[feature].append(pair)
            if pair[0] != pair[1]:
                quotes = [e["quote"] for e in result["evidence"] if e["feature"] == feature]
                errors.append((row["file"], feature, pair, primary, quotes))
        explicit = (row["prohibits_ncii"] == "yes", result["prohibits_ncii"] == "yes")
        pairs["prohibits_ncii (explicit rule or not)"].append(tuple(map(str, explicit)))
        if primary in SUPPORTED:
            supported_pairs["prohibits_ncii (explicit rule or not)"].append(
                tuple(map(str, explicit)))

    print("Accuracy per feature (all labelled documents | English/Chinese documents only)")
    for feature, got in pairs.items():
        sup = supported_pairs[feature]
        acc = sum(g == p for g, p in got) / len(got)
        sacc = sum(g == p for g, p in sup) / len(sup) if sup else float("nan")
        print(f"  {feature:40s} {acc:6.1%} ({sum(g == p for g, p in got)}/{len(got)})"
              f"   | {sacc:6.1%} ({sum(g == p for g, p in sup)}/{len(sup)})")
    for feature, got in pairs.items():
        print(f"\n  Confusion: {feature}\n{confusion(got)}")

    print(f"\nDisagreements with the labels ({len(errors)}):")
    for file, feature, (gold, pred), primary, quotes in errors:
        print(f"  {file}: {feature} label={gold} analyser={pred} (language {primary})")
        if args.show_errors:
            for quote in quotes:
                print(f"      > {quote[:200]}")

    documents = {f: r for f, r in results.items() if not f.endswith((".tsv", "NOTES.md"))}
    report_unlabelled(documents, args.show_remedies)

    print("\nUnlabelled documents (for review; not scored):")
    cols = ("prohibits_ncii", "ncii_reporting_channel", "third_party_reporting", "hash_matching",
            "stated_response_time_hours", "covers_synthetic_media", "account_required_to_report",
            *UNLABELLED_FEATURES)
    short = ("ncii", "channel", "3rd-party", "hash", "hours", "synth", "account", "notice",
             "appeal")
    print("  " + "document".ljust(44) + "".join(s.rjust(10) for s in short) + "  languages")
    for file, result in results.items():
        if file in labelled or file.endswith((".tsv", "NOTES.md")):
            continue
        cells = "".join(str(result[c]).rjust(10) for c in cols)
        print(f"  {file:44s}{cells}  {','.join(result['languages'][:4])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
