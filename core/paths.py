"""Where things live: the shipped datasets and the working data directory.

The data directory holds everything a run produces (see DESIGN.md). It is chosen by
``--data-dir``, else ``TADA_DATA_DIR``, else ``./var``.
"""

from __future__ import annotations

import os
import secrets
import stat
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
# What counts as an NCII statement in the DSA Transparency Database, and its data-quality notices.
DSA_NCII_DEFINITION = Path(__file__).parent / "dsa-ncii.yaml"
DSA_NOTICES = Path(__file__).parent / "dsa-notices.yaml"
# A key is 64 hexadecimal digits and a newline; anything much larger is not a key file.
MAX_KEY_FILE = 4096


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
    def dsa_synthetic(self) -> Path:
        """Synthetic DSA Transparency Database dumps written by ``tada demo``: days imported
        from the files here are published as synthetic (``dsa_meta.synthetic``)."""
        return self.root / "dsa-synthetic"

    @property
    def secret_key_path(self) -> Path:
        return self.root / "secret.key"

    def ensure(self) -> DataDir:
        self.root.mkdir(parents=True, exist_ok=True)
        return self

    def has_secret_key(self) -> bool:
        """Whether anything (a file, a directory, a dangling link) is at ``secret.key``."""
        return os.path.lexists(self.secret_key_path)

    def secret_key(self, create: bool = True) -> bytes:
        """The pseudonymisation key, created (mode 0600) on first use when ``create``."""
        path = self.secret_key_path
        if not self.has_secret_key():
            if not create:
                raise TadaError(t("paths.no_secret_key", None, path=path))
            self.ensure()
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_hex(32) + "\n")
        try:
            info = path.stat()
        except OSError as exc:  # a dangling link, a loop, no permission
            raise TadaError(t("paths.secret_key_unreadable", None, path=path,
                              reason=exc.strerror or exc)) from exc
        if not stat.S_ISREG(info.st_mode):
            raise TadaError(t("paths.secret_key_not_file", None, path=path))
        if info.st_size > MAX_KEY_FILE:
            raise TadaError(t("paths.secret_key_size", None, path=path, size=info.st_size))
        try:
            key = bytes.fromhex(path.read_text(encoding="ascii").strip())
        except (ValueError, UnicodeDecodeError):
            key = b""
        except OSError as exc:
            raise TadaError(t("paths.secret_key_unreadable", None, path=path,
                              reason=exc.strerror or exc)) from exc
        if len(key) < 16:  # damaged or truncated: never pseudonymise with a weak key
            raise TadaError(t("paths.bad_secret_key", None, path=path))
        return key
