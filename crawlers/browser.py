"""Where the Chromium for ``--render-js`` is: ``TADA_CHROMIUM``, the PATH, or Playwright's own.

Rendering drives an installed Chromium through Playwright; without one, ``--render-js`` must
stop before the crawl starts with a message that says what to install.
"""

from __future__ import annotations

import glob
import os
import shutil
from pathlib import Path

from core.errors import TadaError
from core.i18n import t

ENV = "TADA_CHROMIUM"
APT_PACKAGE = "chromium"
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Where `playwright install chromium` puts its browser.
PLAYWRIGHT_GLOB = "chromium-*/chrome-linux*/chrome"


class MissingChromium(TadaError):
    """``--render-js`` was asked for and no Chromium can be started."""


def find_chromium(configured: str | None = None) -> str | None:
    """The Chromium executable to render with, or None when there is none."""
    wanted = configured or os.environ.get(ENV)
    if wanted:
        found = shutil.which(wanted)
        return found if found else None
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    browsers = Path(os.environ.get("PLAYWRIGHT_BROWSERS_PATH")
                    or Path.home() / ".cache" / "ms-playwright")
    bundled = sorted(glob.glob(str(browsers / PLAYWRIGHT_GLOB)))
    return bundled[-1] if bundled else None


def chromium_path(settings) -> str:
    """The executable a crawl launches: the ``TADA_CHROMIUM`` setting, else the one found
    (``tada crawl`` has checked it is there; ``scrapy crawl`` fails in Playwright without)."""
    return settings.get(ENV) or find_chromium() or NAMES[0]


def install_command() -> str:
    """The one command that adds Chromium on Debian or Ubuntu."""
    sudo = "" if os.geteuid() == 0 else "sudo "
    return f"{sudo}apt-get install -y {APT_PACKAGE}"


def require_chromium(configured: str | None = None) -> str:
    """The Chromium executable, or an error naming what to install."""
    found = find_chromium(configured)
    if found is None:
        named = configured or os.environ.get(ENV)
        raise MissingChromium(t("setup.chromium.missing", None, command=install_command(),
                                var=ENV, configured=f" ({named})" if named else ""))
    return found
