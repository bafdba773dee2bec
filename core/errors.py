"""The one base class for errors a user can act on (bad input, missing data)."""

from __future__ import annotations


class TadaError(Exception):
    """An error the command line reports plainly, without a traceback, exiting with 2."""

    exit_code = 2

    def details(self) -> list[str]:
        """Further lines (e.g. one per bad row) printed under the message."""
        return []
