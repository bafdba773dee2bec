"""Where things live: the shipped datasets and the working data directory.

The data directory holds everything a run produces (see DESIGN.md). It is chosen by
``--data-dir``, else ``TADA_DATA_DIR``, else ``./var``.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from core.errors import TadaError
from core.i18n import t

REPO_ROOT = Path(__file__).resolve().parent.parent
DATASETS = Path(os.environ.get("TADA_DATASETS", REPO_ROOT / "datasets"))
PLATFORMS_DIR = DATASETS / "platforms"
MIRROR_DIR = DATASETS / "mirror"
TAKEDOWNS_DIR = DATASETS / "takedowns"
SAMPLE_CASE_LOG = TAKEDOWNS_DIR / "sample-case-log.csv"
CASE_LOG_SCHEMA = TAKEDOWNS_DIR / "case-log.schema.json"


@dataclass(frozen=True)
class DataDir:
    """The working data directory and the well-known paths inside it."""

    root: Path

    @classmethod
    def resolve(cls, explicit: str | os.PathLike[str] | None = None) -> DataDir:
        chosen = explicit or os.environ.get("TADA_DATA_DIR") or "var"
        return cls(Path(chosen).expanduser().resolve())

    @property
    def archive(self) -> Path:
        return self.root / "archive"

    @property
    def warehouse(self) -> Path:
        return self.root / "warehouse.duckdb"

    @property
    def public_db(self) -> Path:
        return self.root / "public.duckdb"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    @property
    def feeds(self) -> Path:
        return self.root / "feeds"

    @property
    def packs(self) -> Path:
        return self.root / "packs"

    @property
    def secret_key_path(self) -> Path:
        return self.root / "secret.key"

    def ensure(self) -> DataDir:
        self.root.mkdir(parents=True, exist_ok=True)
        return self

    def secret_key(self) -> bytes:
        """The pseudonymisation key, created (mode 0600) on first use."""
        path = self.secret_key_path
        if not path.exists():
            self.ensure()
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_hex(32) + "\n")
        try:
            key = bytes.fromhex(path.read_text(encoding="ascii").strip())
        except (ValueError, UnicodeDecodeError):
            key = b""
        if len(key) < 16:  # damaged or truncated: never pseudonymise with a weak key
            raise TadaError(t("paths.bad_secret_key", None, path=path))
        return key
