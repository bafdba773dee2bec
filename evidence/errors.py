"""Errors a user can act on while building or checking an evidence pack."""

from __future__ import annotations

from core.errors import TadaError


class EvidenceError(TadaError):
    """Bad input to ``tada evidence`` / ``tada verify``: the message names the file and key."""


class UnknownSelection(EvidenceError):
    """A platform slug or category that the public database does not know."""


class MissingInput(EvidenceError):
    """A file the pack needs (public.duckdb, an archived version, a WARC) is absent."""


class BadInput(EvidenceError):
    """An input file exists but does not follow docs/contracts.md."""
