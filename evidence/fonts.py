"""The CJK font the report's Chinese is set in, found through fontconfig or ``TADA_CJK_FONT``.

WeasyPrint finds fonts through fontconfig, so the font is looked up the same way (``fc-list``)
and only a face that really holds every Chinese character of the report's own text is used:
a font that lacks them would print empty boxes. ``TADA_CJK_FONT=/path/to/font`` names a font
file directly (loaded with ``@font-face``). Without either, packs are built in English.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from core.i18n import EN, ZH, catalogue, t
from evidence.errors import EvidenceError

ENV = "TADA_CJK_FONT"
APT_PACKAGE = "fonts-noto-cjk"
# Families in order of preference (by how they start), then Hong Kong forms before Taiwan's.
PREFERENCE = ("noto sans cjk", "noto serif cjk", "source han sans", "source han serif",
              "ar pl", "wenquanyi")
VARIANTS = ("hk", "hc", "tc", "tw")
_FC_FORMAT = "%{family[0]}\t%{style[0]}\t%{index}\t%{file}\n"


class MissingFont(EvidenceError):
    """Chinese was asked for and no font can print it (or ``TADA_CJK_FONT`` is unusable)."""


@dataclass(frozen=True)
class CjkFont:
    family: str            # the CSS family name
    path: Path
    index: int             # face in a collection (.ttc)
    source: str            # "fontconfig" or ENV
    mono_family: str | None = None

    def css(self) -> str:
        """CSS that sets the report's text in this font (prepended to report.css)."""
        face = (f'@font-face {{ font-family: "{self.family}"; '
                f'src: url("{self.path.resolve().as_uri()}"); }}\n'
                if self.source == ENV else "")
        mono = f'"{self.mono_family}", ' if self.mono_family else ""
        family = f'"{self.family}", sans-serif'
        return (face + f"@page {{ font-family: {family}; }}\n"
                f"html, svg.chart {{ font-family: {family}; }}\n"
                f'.mono, pre {{ font-family: {mono}monospace, "{self.family}"; }}\n')


LATIN_CSS = ("@page { font-family: sans-serif; }\nhtml, svg.chart { font-family: sans-serif; }\n"
             ".mono, pre { font-family: monospace; }\n")


def is_cjk(char: str) -> bool:
    """Han, kana, hangul, CJK punctuation and full-width forms (what a Latin font lacks)."""
    code = ord(char)
    return (0x2E80 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF
            or 0xFE30 <= code <= 0xFE4F or 0xFF00 <= code <= 0xFFEF or code >= 0x20000)


def has_cjk(text: str) -> bool:
    return any(is_cjk(c) for c in text)


@cache
def report_characters() -> frozenset[str]:
    """Every CJK character of the report's own Chinese text (its message catalogue)."""
    return frozenset(c for key, texts in catalogue().items() if key.startswith("evidence.")
                     for c in texts.get(ZH, "") if is_cjk(c))


@cache
def _covers(path: Path, index: int) -> bool:
    from fontTools.ttLib import TTFont  # WeasyPrint's own dependency

    try:
        with TTFont(path, fontNumber=index, lazy=True) as font:
            cmap = font.getBestCmap() or {}
    except Exception:  # an unreadable file holds no usable glyphs
        return False
    return all(ord(c) in cmap for c in report_characters())


def _rank(family: str, style: str) -> tuple:
    name = family.lower()
    group = next((i for i, p in enumerate(PREFERENCE) if name.startswith(p)), len(PREFERENCE))
    last = name.rsplit(" ", 1)[-1]
    variant = VARIANTS.index(last) if last in VARIANTS else len(VARIANTS)
    regular = style.lower() in ("regular", "book", "normal", "medium")
    return (group, variant, not regular, family)


def _fontconfig_faces() -> list[tuple[str, str, int, Path]]:
    """(family, style, index, file) of every face fontconfig says covers Traditional Chinese."""
    exe = shutil.which("fc-list")
    if exe is None:
        return []
    try:
        out = subprocess.run([exe, "--format", _FC_FORMAT, ":lang=zh-tw"], capture_output=True,
                             text=True, timeout=30, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    faces = []
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) == 4 and parts[2].isdigit():
            faces.append((parts[0], parts[1], int(parts[2]), Path(parts[3])))
    return faces


def _from_env(value: str) -> CjkFont:
    path = Path(value).expanduser()
    if not path.is_file() or not _covers(path, 0):
        raise MissingFont(t("setup.font.bad_env", None, var=ENV, path=value))
    return CjkFont("Tada CJK", path, 0, ENV)


def find_cjk_font() -> CjkFont | None:
    """The font for the report's Chinese, or None when no installed font holds it.

    ``TADA_CJK_FONT`` wins when set (and is an error when it names no usable font).
    """
    if os.environ.get(ENV):
        return _from_env(os.environ[ENV])
    faces = sorted(_fontconfig_faces(), key=lambda f: _rank(f[0], f[1]))
    text = [f for f in faces if "mono" not in f[0].lower()]
    mono = [f for f in faces if "mono" in f[0].lower()]
    for family, _style, index, path in text:
        if _covers(path, index):
            mono_family = next((m[0] for m in mono if _covers(m[3], m[2])), None)
            return CjkFont(family, path, index, "fontconfig", mono_family)
    return None


def install_command() -> str:
    """The one command that adds the font on Debian or Ubuntu."""
    sudo = "" if os.geteuid() == 0 else "sudo "
    return f"{sudo}apt-get install -y {APT_PACKAGE}"


def missing_line(required: bool = False) -> str:
    """One line, in both languages: what is missing and the command that adds it
    (``required``: Chinese was asked for, rather than left out)."""
    key = "setup.font.required" if required else "setup.font.missing"
    return " / ".join(t(key, lang, command=install_command(), var=ENV) for lang in (EN, ZH))


def require_cjk_font() -> CjkFont:
    """The font, or an error (exit 2) that says how to add one."""
    font = find_cjk_font()
    if font is None:
        raise MissingFont(missing_line(required=True))
    return font
