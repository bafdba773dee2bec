"""Policy and form fixtures written for these tests (invented wording, English and Chinese)."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

EN_NCII_POLICY = """# Community Rules

## Intimate images shared without consent

We do not allow anyone to post or share intimate images or videos of another person without \
their consent. This includes images created or altered with AI, such as deepfakes.

Anyone can report this content, even if you do not have an account, using our \
[intimate image report form](https://example.org/report/intimate).

We review reports of intimate images within 48 hours. We use hash matching with StopNCII to \
stop copies being uploaded again.

## Spam

Do not post spam. Use #hashtags sparingly.
"""

ZH_NCII_POLICY = """# 社群守則

## 未經同意分享私密影像

我們禁止任何人未經他人同意發布或分享私密影像。這包括以人工智能生成或深偽技術製作的性影像。

任何人（包括非政府組織）均可透過[私密影像舉報表格](https://example.org/zh/report)舉報，無需登入帳戶。

我們會在 24 小時內審核舉報。我們使用雜湊比對技術，防止相同影像再次上載。

## 垃圾訊息

請勿發布垃圾訊息。
"""

EN_NUDITY_ONLY = """# Content rules

You may not post:

- nudity or sexually explicit content
- spam or scams

Report content with the Report button. You must be logged in to report a post.
"""

EN_PRIVACY_ONLY = """Be respectful.

Do not share someone else's private information without permission. We will remove it.
"""

EN_NO_POLICY = """About our photo service

Our service lets you store and share holiday photos with your family.
We are proud of our customer service. Contact us at help@example.org.
"""

ZH_NUDITY_ONLY = """# 使用條款

用戶不得發布色情或裸露內容。用戶如發現違規內容，可按「舉報」按鈕。
"""

ZH_PRIVACY_ONLY = "請勿侵犯他人私隱。違規帖文會被移除。\n"

ZH_OUT_OF_SCOPE = "本政策不適用於未經同意分享的私密影像，相關事宜請參閱其他條款。\n"

ZH_HANS_POLICY = "我们禁止未经同意分享私密影像。用户可以通过举报表格举报。\n"


def page(body: str, lang: str = "en", head: str = "") -> str:
    """A realistic page around ``body``: navigation, cookie banner, scripts and a footer."""
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>Policy</title>{head}
<script>window.track = function () {{ var hash = location.hash; }};</script>
<style>.nav {{ color: red }}</style></head>
<body>
<header class="site-header"><nav><a href="/">Home</a> <a href="/help">Help</a>
<a href="/revenge">Report revenge porn</a></nav></header>
<div id="cookie-consent" class="cookie-banner">We use cookies. <button>Accept all</button></div>
<main><article>{body}</article></main>
<footer><p>© 2024 Example Ltd. All rights reserved.</p>
<a href="/zh" hreflang="zh-Hant">繁體中文</a></footer>
</body></html>"""


EN_NCII_HTML_BODY = """
<h1>Intimate images shared without consent</h1>
<p>We do <b>not</b> allow sharing intimate images of someone without their consent.</p>
<p>You can report it on our <a href="/report/ncii">report form</a>.</p>
<ul><li>Photos</li><li>Videos</li></ul>
<table><tr><th>Step</th><th>What happens</th></tr><tr><td>1</td><td>We review</td></tr></table>
<div aria-hidden="true">decorative</div><input type="hidden" name="csrf" value="x1">
"""

NCII_FORM = """<!DOCTYPE html><html lang="en"><head><title>Report</title>
<script src="https://www.google.com/recaptcha/api.js" async></script>
<link rel="alternate" hreflang="zh-Hant-HK" href="https://example.org/zh/report"></head>
<body><header><form role="search" action="/search"><input name="q"></form></header>
<h1>Report intimate images shared without your consent</h1>
<form action="/report/ncii" method="post">
<label for="u">Link to the post</label><input id="u" name="content" type="text">
<label>Your email <input type="email" name="contact"></label>
<label for="d">Tell us what happened</label><textarea id="d" name="story"></textarea>
<label for="f">Screenshots</label><input id="f" type="file" name="shots">
<select name="reason"><option>Spam</option><option>Someone shared my intimate images</option>
</select>
<div class="g-recaptcha" data-sitekey="site-key"></div>
<input type="hidden" name="csrf" value="1"><button type="submit">Send</button>
</form></body></html>"""

ZH_FORM = """<!DOCTYPE html><html lang="zh-Hant-HK"><head><title>舉報</title></head><body>
<h1>舉報內容</h1>
<form action="/zh/report">
<label for="a">內容網址</label><input id="a" name="a">
<label for="b">電郵地址</label><input id="b" name="b">
<label for="c">請描述事件經過</label><input id="c" name="c">
<fieldset><legend>舉報原因</legend>
<label><input type="radio" name="r" value="1">垃圾訊息</label>
<label><input type="radio" name="r" value="2">未經同意發布的私密影像</label></fieldset>
<div class="h-captcha" data-sitekey="k"></div>
</form><p>如需協助，請聯絡我們。我們會盡快回覆。</p></body></html>"""

LOGIN_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Log in</title></head><body>
<h1>Log in</h1><p>Please log in to continue to the report centre.</p>
<form action="/session" method="post"><label>Username <input name="user"></label>
<label>Password <input type="password" name="pw"></label><button>Log in</button></form>
</body></html>"""

JS_SHELL = """<!DOCTYPE html><html><head><title>Help</title>
<script src="/static/js/main.3f2a.js"></script><script src="/static/js/vendor.9c1b.js"></script>
</head><body><div id="root"></div></body></html>"""

JS_SHELL_NOSCRIPT = """<!DOCTYPE html><html><head><title>Help</title></head><body>
<noscript>You need to enable JavaScript to run this app.</noscript><div id="app"></div>
<script src="/app.js"></script></body></html>"""

TURNSTILE_FORM = """<html><body><form action="/r"><textarea name="details"></textarea>
<div class="cf-turnstile" data-sitekey="k"></div></form></body></html>"""

NO_FORM_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Safety centre</title></head><body>
<h1>Safety centre</h1>
<p>Our safety centre explains how we keep people safe. Read our rules, learn how to protect
your account, and find organisations that support people who have been harmed online. These
pages are updated whenever our rules change, and each one lists the date it last changed.</p>
</body></html>"""


@pytest.fixture
def http_root(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A web server on 127.0.0.1 serving a temporary folder; yields (base URL, folder)."""
    root = tmp_path / "site"
    root.mkdir()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(root), **kwargs)

        def log_message(self, *args):  # keep test output quiet
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", root
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
