"""Helpers of the case-log tests (importable as ``caselog_test_helpers``)."""

from __future__ import annotations

import pytest

from scoring.caselog.ingest import ingest
from scoring.caselog.validate import CaseLogInvalid


def problems(path, data_dir, **kwargs):
    """(row, column, value) of every problem a rejected log reports, and the error; checks
    that nothing was written."""
    with pytest.raises(CaseLogInvalid) as info:
        ingest(path, data_dir, **kwargs)
    assert not data_dir.root.exists(), "a rejected log must write nothing"
    return [(p.row, p.column, p.value) for p in info.value.problems], info.value
