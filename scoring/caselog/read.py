"""Read a case log (CSV in UTF-8 or a legacy encoding, or XLSX) into a DuckDB table.

The relation ``raw_log`` holds every cell as text (``c0``, ``c1``, ... in header order) and
``line``, the row number a person sees in a spreadsheet or editor (the header is row 1,
counting any leading ``#`` comment lines), so every error can point at it.

A plain CSV is read by DuckDB's own reader. That reader skips blank lines and cannot say on
which line a record started, so its row numbers are trusted only when the file has exactly
one line per record (a file mixing LF and CR LF endings is read from a copy with LF
endings); any other file (blank lines, cells spanning lines, short or long rows, bad text)
takes the exact path: Python's csv module writes a line-numbered UTF-8 copy, which
DuckDB then reads. Legacy encodings are transcoded to UTF-8 in a streaming pass first, and an
XLSX workbook is streamed (openpyxl, read-only) into the same line-numbered form.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb

from core.errors import TadaError
from core.i18n import t

CHUNK = 1 << 22
# Python's csv module refuses longer cells; the exact path keeps that limit.
MAX_CELL = 131_072


class CaseLogReadError(TadaError):
    pass


@dataclass
class RawLog:
    path: Path
    header: list[str]


def _column(i: int) -> str:
    return f"c{i}"


def load_raw(con: duckdb.DuckDBPyConnection, path: Path, tmp: Path,
             encoding: str | None = None, sheet: str | None = None) -> RawLog:
    """Create ``raw_log`` in ``con`` from the case log at ``path`` (``tmp``: scratch dir)."""
    if not path.is_file():
        raise CaseLogReadError(t("caselog.read.missing", None, file=path))
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _load_xlsx(con, path, tmp, sheet)
    source = path
    if encoding is not None and codecs.lookup(_encoding_name(encoding)).name != "utf-8":
        source = tmp / "transcoded.csv"
        _transcode(path, source, encoding)
    skipped, header = _header(path, source, encoding)
    if _fast_read(con, source, tmp, skipped, len(header)):
        return RawLog(path, header)
    numbered = tmp / "numbered.csv"
    _write_numbered(numbered, len(header), _csv_records(path, source, skipped, len(header)))
    _read_numbered(con, numbered, len(header))
    return RawLog(path, header)


def _encoding_name(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError as exc:
        raise CaseLogReadError(
            t("caselog.read.bad_encoding_name", None, encoding=encoding)) from exc


def _transcode(path: Path, target: Path, encoding: str) -> None:
    """Stream a legacy-encoded file to UTF-8, naming the first line that does not decode."""
    decoder = codecs.getincrementaldecoder(_encoding_name(encoding))("strict")
    lines = 0
    with path.open("rb") as src, target.open("w", encoding="utf-8", newline="") as out:
        while True:
            chunk = src.read(CHUNK)
            try:
                out.write(decoder.decode(chunk, final=not chunk))
            except UnicodeDecodeError as exc:
                line = lines + chunk[: max(exc.start, 0)].count(b"\n") + 1
                raise CaseLogReadError(t("caselog.read.undecodable", None, file=path,
                                         line=line, encoding=encoding)) from exc
            if not chunk:
                return
            lines += chunk.count(b"\n")


def _text_lines(path: Path, source: Path, encoding: str | None) -> Iterator[str]:
    """The lines of ``source`` as text (UTF-8, a leading BOM dropped), with errors named."""
    shown = encoding or "utf-8-sig"
    line = 0
    try:
        with source.open(encoding="utf-8-sig", newline="") as fh:
            for line, text in enumerate(fh, start=1):  # noqa: B007 - line used on error
                yield text
    except UnicodeDecodeError as exc:
        hint = "" if encoding else t("caselog.read.try_big5", None)
        raise CaseLogReadError(t("caselog.read.undecodable", None, file=path, line=line + 1,
                                 encoding=shown) + hint) from exc


def _header(path: Path, source: Path, encoding: str | None) -> tuple[int, list[str]]:
    """The number of comment lines before the header, and the header's column names."""
    skipped = 0
    for text in _text_lines(path, source, encoding):
        if text.lstrip().startswith("#"):
            skipped += 1
            continue
        try:
            header = next(csv.reader(io.StringIO(text)))
        except (StopIteration, csv.Error):
            header = []
        if not any(h.strip() for h in header):
            break
        return skipped, [h.strip() for h in header]
    raise CaseLogReadError(t("caselog.read.empty", None, file=path))


def _scan(path: Path) -> tuple[int, bool]:
    """The number of lines of ``path`` and whether any line ends in CR LF."""
    lines, last, crlf, prev = 0, b"\n", False, b""
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            lines += chunk.count(b"\n")
            crlf = crlf or b"\r\n" in prev + chunk[:1] or b"\r\n" in chunk
            last = prev = chunk[-1:]
    return lines + (last != b"\n"), crlf


def _to_lf(source: Path, target: Path) -> None:
    """A copy of ``source`` with every CR LF made LF (a CR ending a chunk waits for the next)."""
    with source.open("rb") as src, target.open("wb") as out:
        held = b""
        while chunk := src.read(CHUNK):
            chunk = held + chunk
            held = chunk[-1:] if chunk.endswith(b"\r") else b""
            out.write(chunk[: len(chunk) - len(held)].replace(b"\r\n", b"\n"))
        out.write(held)


def _fast_read(con: duckdb.DuckDBPyConnection, source: Path, tmp: Path, skipped: int,
               width: int) -> bool:
    """DuckDB's reader, kept only when every record is exactly one line.

    DuckDB's reader takes one kind of line ending per file; a file that mixes them (a
    comment line in LF before rows in CR LF, as the bundled sample has) is read from a copy
    with LF endings. That copy is trusted only with one line per record, so no cell can
    have held a CR LF of its own. The lines are counted in a second thread meanwhile (DuckDB
    releases the interpreter while it reads)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        scan = pool.submit(_scan, source)
        read = _try_read(con, source, skipped, width)
        lines, crlf = scan.result()
    if read and _one_line_each(con, lines, skipped, width):
        return True
    if not crlf:
        return False
    lf = tmp / "lf.csv"
    _to_lf(source, lf)
    return _try_read(con, lf, skipped, width) and _one_line_each(con, lines, skipped, width)


def _try_read(con: duckdb.DuckDBPyConnection, source: Path, skipped: int, width: int) -> bool:
    names = {_column(i): "VARCHAR" for i in range(width)}
    try:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE raw_read AS SELECT * FROM read_csv(?, columns=?, "
            "header=false, skip=?, delim=',', quote='\"', escape='\"', auto_detect=false, "
            "strict_mode=true, null_padding=false, encoding='utf-8', max_line_size=?)",
            [str(source), names, skipped + 1, MAX_CELL])
    except duckdb.Error:
        return False
    return True


def _one_line_each(con: duckdb.DuckDBPyConnection, lines: int, skipped: int,
                   width: int) -> bool:
    """Whether ``raw_read`` has one record per line of the file (then ``raw_log`` numbers
    them); a line break in a cell would let a record span lines and hide a skipped blank
    line."""
    broken = " OR ".join(f"contains({c}, chr(10)) OR contains({c}, chr(13))"
                         for c in map(_column, range(width)))
    rows, spans = con.execute(
        f"SELECT count(*), coalesce(bool_or({broken}), false) FROM raw_read").fetchone()
    if spans or rows + skipped + 1 != lines:
        con.execute("DROP TABLE raw_read")
        return False
    # rowid keeps the file's order (insertion order is preserved); a view, not a second copy
    con.execute(f"CREATE OR REPLACE TEMP VIEW raw_log AS SELECT rowid + {skipped + 2} AS line, "
                "* FROM raw_read")
    return True


def _csv_records(path: Path, source: Path, skipped: int,
                 width: int) -> Iterator[tuple[int, list[str]]]:
    """Every record after the header with the line it ends on, as Python's csv reads it."""
    lines = _text_lines(path, source, None if source == path else "utf-8")
    for _ in range(skipped):
        next(lines)
    reader = csv.reader(lines)
    line_no = skipped
    try:
        next(reader)
        for record in reader:
            line_no = reader.line_num + skipped
            if len(record) > width:
                raise CaseLogReadError(t("caselog.read.too_many_cells", None, file=path,
                                         row=line_no, found=len(record), expected=width))
            yield line_no, record
    except csv.Error as exc:
        row = reader.line_num + skipped
        if "field limit" in str(exc):
            raise CaseLogReadError(t("caselog.read.cell_too_long", None, file=path, row=row,
                                     limit=MAX_CELL)) from exc
        raise CaseLogReadError(t("caselog.read.bad_csv", None, file=path, row=row,
                                 reason=exc)) from exc


def _write_numbered(target: Path, width: int,
                    records: Iterable[tuple[int, list[str | None]]]) -> None:
    with target.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        for line, cells in records:
            if any(c is not None and c.strip() for c in cells):
                out.writerow([line, *cells, *[""] * (width - len(cells))])


def _read_numbered(con: duckdb.DuckDBPyConnection, numbered: Path, width: int) -> None:
    names = {"line": "BIGINT"} | {_column(i): "VARCHAR" for i in range(width)}
    con.execute(
        "CREATE OR REPLACE TEMP TABLE raw_read AS SELECT * FROM read_csv(?, columns=?, "
        "header=false, delim=',', quote='\"', escape='\"', auto_detect=false, "
        "null_padding=false, max_line_size=?)",
        [str(numbered), names, 4 * MAX_CELL * (width + 1)])
    con.execute("CREATE OR REPLACE TEMP VIEW raw_log AS SELECT * FROM raw_read")


def _cell_text(value: object) -> str | None:
    """A spreadsheet cell as the text a person sees (whole floats without '.0')."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _load_xlsx(con: duckdb.DuckDBPyConnection, path: Path, tmp: Path,
               sheet: str | None) -> RawLog:
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
        rows = ws.iter_rows(values_only=True)
        header_row = next(rows, None)
        if header_row is None:
            raise CaseLogReadError(t("caselog.read.empty", None, file=path))
        header = ["" if h is None else str(h).strip() for h in header_row]
        width = len(header)
        numbered = tmp / "numbered.csv"
        _write_numbered(numbered, width, (
            (line, [_cell_text(v) for v in values[:width]])
            for line, values in enumerate(rows, start=2)))
    except CaseLogReadError:
        raise
    except Exception as exc:  # a workbook that opens but fails while streaming
        raise CaseLogReadError(t("caselog.read.bad_xlsx", None, file=path, reason=exc)) from exc
    finally:
        book.close()
    _read_numbered(con, numbered, width)
    return RawLog(path, header)
