"""Read a case log (CSV in UTF-8 or a legacy encoding, or XLSX) into numbered raw rows.

Rows keep their spreadsheet row numbers (the header is row 1, counting any leading
``#`` comment lines), so every error can point at the line a person sees.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from core.errors import TadaError
from core.i18n import t

RawValue = str | dt.datetime | dt.date | int | float | None


class CaseLogReadError(TadaError):
    pass


@dataclass
class RawLog:
    path: Path
    header: list[str]
    rows: list[tuple[int, dict[str, RawValue]]]


def read_case_log(path: Path, encoding: str | None = None, sheet: str | None = None) -> RawLog:
    if not path.is_file():
        raise CaseLogReadError(t("caselog.read.missing", None, file=path))
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path, sheet)
    return _read_csv(path, encoding)


def _decode(path: Path, encoding: str | None) -> str:
    data = path.read_bytes()
    chosen = encoding or "utf-8-sig"
    try:
        text = data.decode(chosen)
    except LookupError as exc:
        raise CaseLogReadError(t("caselog.read.bad_encoding_name", None, encoding=chosen)) from exc
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        hint = "" if encoding else t("caselog.read.try_big5", None)
        raise CaseLogReadError(
            t("caselog.read.undecodable", None, file=path, line=line, encoding=chosen) + hint
        ) from exc
    return text.removeprefix("\ufeff")


def _read_csv(path: Path, encoding: str | None) -> RawLog:
    lines = _decode(path, encoding).splitlines(keepends=True)
    skipped = 0
    while skipped < len(lines) and lines[skipped].lstrip().startswith("#"):
        skipped += 1
    reader = csv.reader(io.StringIO("".join(lines[skipped:])))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise CaseLogReadError(t("caselog.read.empty", None, file=path)) from None
    rows = []
    for record in reader:
        line_no = reader.line_num + skipped
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(header):
            raise CaseLogReadError(t("caselog.read.too_many_cells", None, file=path, row=line_no,
                                     found=len(record), expected=len(header)))
        rows.append((line_no, dict(zip(header, record + [""] * (len(header) - len(record)),
                                       strict=True))))
    return RawLog(path, header, rows)


def _read_xlsx(path: Path, sheet: str | None) -> RawLog:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise CaseLogReadError(t("caselog.read.bad_xlsx", None, file=path, reason=exc)) from exc
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise CaseLogReadError(t("caselog.read.no_sheet", None, file=path, sheet=sheet,
                                     sheets=", ".join(book.sheetnames)))
        ws = book[sheet] if sheet else book.worksheets[0]
        it: Iterator[tuple[RawValue, ...]] = ws.iter_rows(values_only=True)
        header_row = next(it, None)
        if header_row is None:
            raise CaseLogReadError(t("caselog.read.empty", None, file=path))
        header = ["" if h is None else str(h).strip() for h in header_row]
        rows = []
        for offset, values in enumerate(it, start=2):
            cells = list(values) + [None] * (len(header) - len(values))
            if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
                continue
            rows.append((offset, {h: c for h, c in zip(header, cells, strict=False) if h}))
        return RawLog(path, header, rows)
    finally:
        book.close()
