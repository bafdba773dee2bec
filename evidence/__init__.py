"""Evidence packs for regulators: self-verifying BagIt bundles of archived policy pages
(WARC), outcome statistics and a bilingual PDF report.

    from evidence import build_pack, verify_pack
    result = build_pack(data_dir, ["lihkg", "telegram"], organisation="...", contact="...")
    verdict = verify_pack(result.zip_path)

Attributes load lazily: verifying a pack does not import the PDF renderer.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "build_pack": "evidence.build",
    "PackResult": "evidence.build",
    "verify_pack": "evidence.verify",
    "Verdict": "evidence.verify",
}
__all__ = list(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(name)
