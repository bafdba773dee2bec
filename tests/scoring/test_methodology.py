"""The methodology file: validation errors name the file and key; weights are data."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from scoring_test_helpers import methodology_variant as _variant

from core import methodology
from core.methodology import MethodologyError
from core.paths import DataDir
from scoring.score import build


def test_shipped_methodology_loads() -> None:
    m = methodology.load()
    assert m.version and m.id and m.min_people == 10 and m.min_items == 5
    assert m.z == pytest.approx(1.959963984540054, abs=1e-15)
    assert set(m.element_weights) == set(methodology.ELEMENTS)
    assert m.response_time_full_hours == 48


@pytest.mark.parametrize("edit,key,fragment", [
    (lambda d: d["pillars"].pop("policy"), "pillars.policy", "required"),
    (lambda d: d["pillars"]["policy"].update(weight="heavy"), "pillars.policy.weight",
     "not a number"),
    (lambda d: d["pillars"]["policy"].update(weight=-1), "pillars.policy.weight", "minimum"),
    (lambda d: d["policy_elements"].update(bogus={"weight": 1}), "policy_elements.bogus",
     "not a known key"),
    (lambda d: d["grades"].update(B=90), "grades.B", "lower score"),
    (lambda d: d["grades"].update(E=5), "grades.E", "start at 0"),
    (lambda d: d["suppression"].update(min_items=2.5), "suppression.min_items", "whole number"),
    (lambda d: d["minimum_base"].update(items_for_score=3), "minimum_base.items_for_score",
     "suppression threshold"),
    (lambda d: d.update(missing_pillar="guess"), "missing_pillar", "not one of"),
    (lambda d: d.update(period_time_zone="Mars/Olympus"), "period_time_zone", "time zone"),
    (lambda d: d["policy_elements"]["stated_response_time"].update(
        partial_credit_max_hours=24), "partial_credit_max_hours", "greater than"),
    (lambda d: d["policy_elements"]["hash_matching"].update(not_applicable_to=["forum"]),
     "not_applicable_to", "not one of"),
    (lambda d: d.update(responsiveness={k: {"weight": 0} for k in d["responsiveness"]}),
     "responsiveness", "add up to zero"),
])
def test_invalid_methodology_names_file_and_key(tmp_path: Path, edit, key: str,
                                                fragment: str) -> None:
    path = _variant(tmp_path, edit)
    with pytest.raises(MethodologyError) as err:
        methodology.load(path)
    message = str(err.value)
    assert str(path) in message and key in message and fragment in message


def test_unreadable_yaml(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("id: [unclosed\n")
    with pytest.raises(MethodologyError, match=r"m\.yaml: \(yaml\)"):
        methodology.load(path)
    with pytest.raises(MethodologyError, match=r"\(file\)"):
        methodology.load(tmp_path / "absent.yaml")


def _scores(data_dir: DataDir) -> dict[str, tuple]:
    con = duckdb.connect(str(data_dir.public_db), read_only=True)
    rows = con.execute("SELECT slug, policy_score, responsiveness_score, overall_score, grade "
                       "FROM scorecard_platform").fetchall()
    version = con.execute("SELECT value FROM meta WHERE key = 'methodology_version'").fetchone()
    con.close()
    return {r[0]: r[1:] for r in rows} | {"_version": version}


def test_changing_weights_needs_no_code_change(sample_copy: DataDir, tmp_path: Path) -> None:
    before = _scores(sample_copy)
    assert before["facebook"][3] in "ABCDE"

    def edit(d: dict) -> None:
        d["version"] = "1.1.0-test"
        d["pillars"] = {"policy": {"weight": 0.0}, "responsiveness": {"weight": 1.0}}
        d["responsiveness"]["removal_rate_lower_bound"]["weight"] = 1.0
        d["grades"] = {"A": 95, "B": 90, "C": 85, "D": 80, "E": 0}

    build(sample_copy, _variant(tmp_path, edit))
    after = _scores(sample_copy)
    assert after["_version"] == ("1.1.0-test",)
    fb_before, fb_after = before["facebook"], after["facebook"]
    assert fb_after[0] == fb_before[0]                 # policy score itself unchanged
    assert fb_after[1] != fb_before[1]                 # sub-metric weights changed
    assert fb_after[2] == fb_after[1]                  # policy pillar weighs nothing now
    # a platform without crawl data is graded once the policy pillar has no weight
    assert before["telegram"][3] != "insufficient_data" or before["telegram"][0] is not None
    assert after["xvideos"][3] != "insufficient_data"
    assert before["xvideos"][3] == "insufficient_data"


def test_renormalise_missing_pillar(sample_copy: DataDir, tmp_path: Path) -> None:
    build(sample_copy, _variant(tmp_path, lambda d: d.update(missing_pillar="renormalise")))
    scores = _scores(sample_copy)
    policy, responsiveness, overall, grade = scores["xvideos"]
    assert policy is None and overall == responsiveness and grade in "ABCDE"
    assert scores["youtube"][3] == "insufficient_data"  # 4 items: below every base
