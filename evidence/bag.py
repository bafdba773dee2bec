"""Turning a staged payload into a BagIt bag (RFC 8493) and a reproducible zip of it."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import zipfile
from pathlib import Path

import bagit

MANIFEST = "manifest-sha256.txt"
TAGMANIFEST = "tagmanifest-sha256.txt"
ZIP_EPOCH = dt.datetime(1980, 1, 1)
STORED_SUFFIXES = (".gz", ".pdf", ".zip")  # already compressed: deflating again wastes time

BagInfo = dict[str, str | list[str]]


def bagging_date() -> dt.date:
    """Today, or the date of ``SOURCE_DATE_EPOCH`` so a rebuild can be byte-identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def _rewrite_tagmanifest(bag_dir: Path) -> None:
    """bagit lists tag files in directory order; sorted order makes the file reproducible."""
    lines = []
    for path in sorted(p for p in bag_dir.iterdir() if p.is_file()):
        if path.name.startswith("tagmanifest-"):
            continue
        lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}\n")
    (bag_dir / TAGMANIFEST).write_text("".join(lines), encoding="utf-8")


def make_bag(staging: Path, info: BagInfo) -> None:
    """Move ``staging``'s files into ``staging/data`` and write the sha256 manifests."""
    logging.getLogger("bagit").setLevel(logging.WARNING)
    bagit.make_bag(str(staging), bag_info=dict(info), checksums=["sha256"])
    _rewrite_tagmanifest(staging)


def write_zip(bag_dir: Path, zip_path: Path, stamp: dt.datetime, top: str) -> None:
    """Zip the bag under the folder ``top``, with fixed order, times and modes."""
    stamp = max(stamp.replace(tzinfo=None), ZIP_EPOCH)
    files = sorted(p for p in bag_dir.rglob("*") if p.is_file())
    with zipfile.ZipFile(zip_path, "w") as zf:
        for path in files:
            rel = path.relative_to(bag_dir).as_posix()
            info = zipfile.ZipInfo(f"{top}/{rel}", date_time=stamp.timetuple()[:6])
            info.external_attr = 0o100644 << 16
            info.create_system = 3
            info.compress_type = (zipfile.ZIP_STORED if path.suffix in STORED_SUFFIXES
                                  else zipfile.ZIP_DEFLATED)
            with path.open("rb") as src, zf.open(info, "w") as dst:
                while chunk := src.read(1 << 20):
                    dst.write(chunk)
