"""Offline ``--render-js``: mirror pages rendered in headless Chromium.

Live crawls render through scrapy-playwright; offline, the page and every request it makes
are answered from the mirror (anything not recorded is refused), so rendering needs no
network either. Playwright is imported only when rendering is asked for (the ``js`` extra).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urldefrag

from crawlers.mirror_index import Recording, pick
from crawlers.settings import CHROMIUM_ARGS


class MirrorRenderer:
    def __init__(self, index: dict[str, list[Recording]], mirror_dir: Path, as_of: str | None,
                 executable: str, timeout_ms: int = 15000) -> None:
        self.index, self.mirror_dir, self.as_of = index, mirror_dir, as_of
        self.executable, self.timeout_ms = executable, timeout_ms
        self._playwright = self._browser = None

    async def _launch(self):
        if self._browser is None:
            from playwright.async_api import async_playwright

            self._playwright = await async_playwright().start()
            self._browser = await self._playwright.chromium.launch(
                executable_path=self.executable, headless=True, args=CHROMIUM_ARGS)
        return self._browser

    async def _answer(self, route) -> None:
        recordings = self.index.get(urldefrag(route.request.url)[0])
        chosen = pick(recordings, self.as_of) if recordings else None
        if chosen is None or chosen.body is None:
            await route.abort()
            return
        await route.fulfill(status=chosen.status, headers=chosen.headers,
                            body=(self.mirror_dir / chosen.body).read_bytes())

    async def render(self, url: str) -> str:
        """The page's HTML after its scripts have run."""
        browser = await self._launch()
        page = await browser.new_page(java_script_enabled=True)
        try:
            await page.route("**/*", self._answer)
            await page.goto(url, wait_until="load", timeout=self.timeout_ms)
            return await page.content()
        finally:
            await page.close()

    async def close(self) -> None:
        if self._browser is not None:
            await self._browser.close()
            await self._playwright.stop()
