"""YAML read the one way the project reads it: safely, and with libyaml when it is there.

Every command reads YAML at start-up (translations, declarations, methodology): libyaml's
``CSafeLoader`` parses it several times faster than the pure-Python ``SafeLoader`` and builds
the same objects (the constructor, dates and timestamps included, is shared). PyYAML built
without libyaml falls back to ``SafeLoader``. Errors are ``YAMLError`` either way; only the
wording of a syntax error differs.
"""

from __future__ import annotations

from typing import Any

import yaml

YAMLError = yaml.YAMLError
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: str) -> Any:
    """The Python objects of one YAML document (safe tags only)."""
    return yaml.load(text, Loader=LOADER)
