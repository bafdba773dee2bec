"""Errors in a dump or in the NCII definition, naming the file, part, row and column."""

from __future__ import annotations

from pathlib import Path

from core.errors import TadaError
from core.i18n import t


class DumpError(TadaError):
    """Bad input in a dump; nothing of the day it belongs to is imported."""

    def __init__(self, problem: str, file: Path | str, part: str | None = None,
                 row: int | None = None, column: str | None = None, header: bool = False
                 ) -> None:
        self.problem, self.file, self.part, self.row, self.column = problem, file, part, row, column
        where = [str(file)]
        if part is not None and part != Path(str(file)).name:
            where.append(t("dsa.where.part", None, part=part))
        if header:
            where.append(t("dsa.where.header"))
        if row is not None:
            where.append(t("dsa.where.row", None, row=row))
        if column is not None:
            where.append(t("dsa.where.column", None, column=column))
        super().__init__(t("dsa.error", None, where=", ".join(where), problem=problem))


class DefinitionError(TadaError):
    """The NCII definition file does not validate; names the file and the key."""

    def __init__(self, path: Path, key: str, problem: str) -> None:
        self.path, self.key, self.problem = path, key, problem
        super().__init__(t("dsa.definition.invalid", None, file=path, key=key, problem=problem))
