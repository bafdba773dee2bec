"""Read a CSV part fast with Polars, or say that only the strict reader may judge it.

Polars' reader is about four times DuckDB's on these parts, but it is lenient where the
import must not be: a row with too few cells is padded with nulls and a blank line becomes a
row of nulls. Every column is read (so a row with too many cells is an error, which a
projection would silently cut), and a part with any row whose last cell is missing is left
to DuckDB's strict reader, which names the problem. In the TDB's dumps the last column is
created_at, which every statement has, so valid parts never take the slow path.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa

ROW_NO = "row_no"


def read_part(path: Path, header: list[str], columns: list[str]) -> pa.Table | None:
    """``columns`` of the part at ``path`` as text, with ``row_no`` (1 = the first record after
    the header); None when the part must be read by the strict reader instead."""
    # Imported here: Polars (with NumPy and PyArrow) takes about 0.3 s to import, and every
    # ``tada score`` imports this module (publish, engine_duckdb) without reading a part.
    # Its allocator (jemalloc) reads this setting when Polars is first imported: by default it
    # keeps freed pages for seconds and a day's parts pile up; returned at once, a 2 M-statement
    # day peaks at 581 MB instead of 815 MB, at no measured cost.
    os.environ.setdefault("_RJEM_MALLOC_CONF", "dirty_decay_ms:0,muzzy_decay_ms:0")
    import polars as pl

    try:
        # null_values="": an empty cell is NULL, quoted or not, as DuckDB reads it.
        frame = pl.read_csv(path, has_header=True, separator=",", quote_char='"',
                            infer_schema=False, encoding="utf8", null_values="",
                            row_index_name=ROW_NO, row_index_offset=1, raise_if_empty=False)
    except pl.exceptions.PolarsError:
        return None
    if frame.columns[1:] != header or frame[header[-1]].null_count():
        return None
    return frame.select(ROW_NO, *columns).to_arrow()
