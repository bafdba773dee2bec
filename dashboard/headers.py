"""Security headers on every response, including a Content-Security-Policy the app works under.

Scripts run only from the app's own origin, plus Dash's inline scripts (its renderer start-up
and the clientside callbacks), allowed one by one by their sha256. Styles may be inline:
Plotly draws its charts with inline styles. Nothing may be framed, posted elsewhere or loaded
from another origin; the dashboard works offline.
"""

from __future__ import annotations

from dash import Dash
from flask import Response

_POLICY = (
    "default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def content_security_policy(app: Dash) -> str:
    """The policy for ``app``, with a hash for each of its inline scripts."""
    return _POLICY.format(hashes=" ".join(sorted(set(app.csp_hashes()))))


def register(app: Dash) -> None:
    cached: dict[int, str] = {}

    @app.server.after_request
    def headers(response: Response) -> Response:
        # Pages may add clientside callbacks as they load: hash again when the count changes.
        count = len(app._inline_scripts)  # noqa: SLF001 - Dash exposes no public counter
        if count not in cached:
            cached.clear()
            cached[count] = content_security_policy(app)
        response.headers.setdefault("Content-Security-Policy", cached[count])
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response
