"""Accessibility audit: axe-core (WCAG 2.x A and AA rules) on every page in both languages,
and a keyboard walk through the overview.

axe-core comes from the ``axe-playwright-python`` package (the ``test`` extra), which ships a
current ``axe.min.js``; the script is injected into the page Selenium drives.
"""

from __future__ import annotations

import colorsys
import importlib.resources
import importlib.util
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from dashboard.app import create_app
from dashboard.components import charts

browser = pytest.mark.browser

PAGES = {
    "overview": "/",
    "overview-sorted": "/?category=social_media&sort=items&dir=asc",
    "overview-notices": "/?period=2099-Q9&category=nope",  # ignored filters, said so
    "platform": "/platform/facebook",
    "platform-insufficient": "/platform/discord",
    "version": "/platform/facebook/version/20240301T090000Z-bbbbbbbbbbbb",
    "diff": "/platform/facebook/version/20240301T090000Z-bbbbbbbbbbbb/diff",
    "categories": "/categories",
    "trends": "/trends",
    "methodology": "/methodology",
    "downloads": "/downloads",
    "not-found": "/platform/no_such_platform",
}
CHARTED = {"overview", "overview-sorted", "overview-notices", "platform", "categories",
           "trends"}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"critical", "serious"}
# axe's best practices for page structure (moderate impact), kept clean once fixed: every text
# inside a landmark, one of each landmark, headings that do not skip a level
STRUCTURE = {"region", "landmark-one-main", "landmark-unique", "landmark-no-duplicate-banner",
             "landmark-no-duplicate-contentinfo", "landmark-no-duplicate-main",
             "heading-order", "page-has-heading-one", "empty-heading"}
HTML_LANG = {"en": "en", "zh-Hant": "zh-Hant-HK"}


def axe_source() -> str:
    spec = importlib.resources.files("axe_playwright_python") / "axe.min.js"
    return Path(str(spec)).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def axe_js() -> str:
    # no skip: an audit that quietly does not run is the problem this file exists to prevent
    if importlib.util.find_spec("axe_playwright_python") is None:
        pytest.fail("axe-core is missing: install the test extra (pip install -e '.[test]')")
    return axe_source()


@pytest.fixture
def served(dash_duo, public_db):
    dash_duo.start_server(create_app(public_db))
    return dash_duo


def _open(duo, path: str, charted: bool) -> None:
    duo.driver.get(duo.server_url + path)
    duo.wait_for_element("#page-title", timeout=15)
    if charted:
        duo.wait_for_element(".chart .main-svg", timeout=15)


def run_axe(driver, axe_js: str, tags: list[str]) -> list[dict]:
    """The violations axe finds on the current page, with every chart's table shown too."""
    driver.execute_script(axe_js)
    driver.execute_script(
        "document.querySelectorAll('details').forEach(d => { d.open = true; });")
    driver.set_script_timeout(60)
    return driver.execute_async_script(
        """const done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: 'tag', values: arguments[0]},
                           resultTypes: ['violations']})
           .then(r => done(r.violations.map(v => ({
               id: v.id, impact: v.impact, help: v.help,
               targets: v.nodes.map(n => n.target.join(' ')),
               summary: v.nodes.length ? v.nodes[0].failureSummary : ''}))))
           .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e),
                              targets: [], summary: ''}]));""",
        tags)


def problems(driver, axe_js: str) -> list[dict]:
    """Violations of serious or critical impact (WCAG A/AA rules and axe's best practices),
    and breaches of ``STRUCTURE``."""
    return [v for v in run_axe(driver, axe_js, [*WCAG_TAGS, "best-practice"])
            if v["impact"] in BLOCKING or v["id"] in STRUCTURE]


def describe(found: dict[str, list[dict]]) -> str:
    lines = []
    for page, violations in found.items():
        for v in violations:
            targets = ", ".join(v["targets"][:6]) + (" …" if len(v["targets"]) > 6 else "")
            lines.append(f"{page}: {v['id']} [{v['impact']}] x{len(v['targets'])} "
                         f"{v['help']} -> {targets}\n    {v['summary'][:300]}")
    return "\n".join(lines)


@browser
@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_no_serious_accessibility_violations(served, axe_js, lang):
    found: dict[str, list[dict]] = {}
    for name, path in PAGES.items():
        _open(served, f"{path}?lang={lang}" if "?" not in path else f"{path}&lang={lang}",
              name in CHARTED)
        assert served.driver.execute_script(
            "return document.documentElement.lang") == HTML_LANG[lang], name
        blocking = problems(served.driver, axe_js)
        blocking += [{"id": "short-label-contrast", "impact": "serious", "help": r["label"],
                      "targets": [], "summary": f"contrast {r['contrast']:.2f}:1"}
                     for r in served.driver.execute_script(SHORT_LABELS)]
        if blocking:
            found[f"{name} ({lang})"] = blocking
    assert not found, "axe-core found serious accessibility problems:\n" + describe(found)


@browser
def test_pages_without_a_database_are_accessible(dash_duo, axe_js, tmp_path):
    dash_duo.start_server(create_app(tmp_path / "public.duckdb"))
    found = {}
    for lang in HTML_LANG:
        dash_duo.driver.get(f"{dash_duo.server_url}/?lang={lang}")
        dash_duo.wait_for_element("#page-title", timeout=15)
        blocking = problems(dash_duo.driver, axe_js)
        if blocking:
            found[f"missing database ({lang})"] = blocking
    assert not found, describe(found)


@browser
@pytest.mark.parametrize("path", ["/", "/methodology", "/platform/facebook/version/"
                                  "20240301T090000Z-bbbbbbbbbbbb/diff"])
def test_narrow_screen_reflows_without_serious_violations(served, axe_js, path):
    """At 320 CSS pixels (WCAG 1.4.10) nothing makes the page scroll sideways; wide tables
    scroll inside their own region."""
    served.driver.set_window_size(320, 800)
    _open(served, f"{path}?lang=zh-Hant", charted=path == "/")
    viewport, page = served.driver.execute_script(
        "return [window.innerWidth, document.documentElement.scrollWidth]")
    assert viewport <= 330 and page <= viewport, (viewport, page)
    blocking = problems(served.driver, axe_js)
    assert not blocking, describe({f"{path} at 320 px (zh-Hant)": blocking})


@browser
@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_open_filter_list_is_accessible(served, axe_js, lang):
    """The category list, opened from the keyboard: a named group of named choices."""
    _open(served, f"/?lang={lang}", charted=True)
    button = served.find_element("#filter-category button.dash-dropdown")
    label = served.find_element("#filter-category-label").text
    assert button.accessible_name.startswith(label)  # the filter's label, then its value
    served.driver.execute_script("arguments[0].focus()", button)
    ActionChains(served.driver).send_keys(Keys.ENTER).perform()
    served.wait_for_element("#filter-category .dash-dropdown-content input[type=radio]")
    blocking = problems(served.driver, axe_js)
    assert not blocking, describe({f"open category list ({lang})": blocking})


@browser
def test_the_audit_detects_a_violation(served, axe_js):
    """The audit itself works: an unlabelled image link added to the page is reported."""
    _open(served, "/", charted=False)
    served.driver.execute_script(
        "const a = document.createElement('a'); a.href = '/'; a.id = 'bad-link';"
        "a.appendChild(document.createElement('img'));"
        "document.getElementById('main').appendChild(a);")
    violations = run_axe(served.driver, axe_js, WCAG_TAGS)
    hits = [v for v in violations if "#bad-link" in " ".join(v["targets"])]
    assert hits and {v["impact"] for v in hits} & BLOCKING, describe({"probe": violations})


# Contrast (WCAG's relative luminance) of computed colours, in the page.
COLOUR_JS = """
function rgb(text) { return (text.match(/[\\d.]+/g) || []).map(Number); }
function luminance(c) {
  const [r, g, b] = c.slice(0, 3).map(v => v / 255).map(
    v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function ground(node) {  // the first opaque background at or behind a node
  for (let n = node; n && n.nodeType === 1; n = n.parentElement) {
    const c = rgb(getComputedStyle(n).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0.9)) return c;
  }
  return [255, 255, 255];
}
function ratio(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}
"""
# Labels of a letter or two (grades, badges) that axe leaves for a person to judge: text
# against its own background, 4.5:1 as for any normal-size text.
SHORT_LABELS = COLOUR_JS + """
return Array.from(document.querySelectorAll('.grade, .badge, .value, .lang-link'))
  .filter(el => el.offsetParent !== null)
  .map(el => ({label: el.className + ' ' + el.innerText.trim(),
               contrast: ratio(rgb(getComputedStyle(el).color), ground(el))}))
  .filter(r => r.contrast < 4.5);
"""
# The focused element, and whether its focus shows: an outline or a shadow that contrasts at
# least 3:1 with the colour around it (WCAG 1.4.11), read from the computed style.
FOCUS_STATE = COLOUR_JS + """
const el = document.activeElement;
const style = getComputedStyle(el);
const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
const shadow = style.boxShadow !== 'none';
const ring = outline ? rgb(style.outlineColor) : (shadow ? rgb(style.boxShadow) : []);
const filter = el.closest('.filter');
return {
  tag: el.tagName.toLowerCase(), id: el.id || '', cls: String(el.className || ''),
  text: (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 60),
  filter: filter ? filter.id : '',
  header: !!el.closest('thead th'),
  focusVisible: el.matches(':focus-visible'),
  shown: outline || shadow,
  contrast: ring.length ? ratio(ring, ground(el.parentElement)) : 0,
};
"""


def _tab_walk(duo, steps: int, stop=lambda state: state["header"]) -> list[dict]:
    """Focus states, one per press of Tab from where focus is (the top of a page just
    opened), up to the first that ``stop`` accepts (by default a column header)."""
    seen = []
    for _ in range(steps):
        ActionChains(duo.driver).send_keys(Keys.TAB).perform()
        state = duo.driver.execute_script(FOCUS_STATE)
        seen.append(state)
        if stop(state):
            break
    return seen


def _first(seen: list[dict], test) -> dict | None:
    return next((s for s in seen if test(s)), None)


WANTED = {
    "skip link": lambda s: "skip-link" in s["cls"],
    "language switch": lambda s: s["id"].startswith("lang-"),
    "navigation": lambda s: s["id"] == "nav-categories",
    "category filter": lambda s: s["filter"] == "filter-category" and s["tag"] == "button",
    "period filter": lambda s: s["filter"] == "filter-period" and s["tag"] == "button",
    "chart's table": lambda s: s["tag"] == "summary",
    "sortable column header": lambda s: s["header"] and "sort-link" in s["cls"],
}


@browser
@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_keyboard_reaches_every_control_with_a_visible_focus(served, lang):
    _open(served, f"/?lang={lang}", charted=True)
    seen = _tab_walk(served, 40)
    trail = "\n".join(f"{s['tag']}#{s['id']}.{s['cls']} in {s['filter']}: {s['text']!r}"
                      for s in seen)
    for what, test in WANTED.items():
        state = _first(seen, test)
        assert state is not None, f"Tab never reached the {what}:\n{trail}"
    for state in seen:  # every stop on the way, not only the ones named above
        assert state["focusVisible"] and state["shown"], f"no visible focus: {state}"
        assert state["contrast"] >= 3, f"focus ring too faint: {state}"
    assert not [s for s in seen if s["tag"] == "input" and "dash-dropdown" in s["cls"]], trail
    # the order follows the page: header, then filters, then the chart, then the table
    order = [seen.index(_first(seen, WANTED[w])) for w in WANTED]
    assert order == sorted(order), trail


def _wait_for_focus_on(duo, option: str) -> None:
    """Wait until keyboard focus is on a choice of an open list, and check that it shows."""
    script = ("const l = document.activeElement.closest('.dash-dropdown-content label');"
              "return l ? l.innerText : null;")
    WebDriverWait(duo.driver, 5).until(lambda d: d.execute_script(script) == option,
                                       f"focus never reached the option {option!r}")
    ring = duo.driver.execute_script(COLOUR_JS + """
        const row = document.activeElement.closest('label');
        const style = getComputedStyle(row);
        return style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth) *
            (ratio(rgb(style.outlineColor), ground(row)) >= 3 ? 1 : 0);""")
    assert ring >= 2, f"the focused option {option!r} shows no focus ring"


@browser
def test_keyboard_filters_and_sorts(served):
    """A filter opens, moves and chooses from the keyboard; Enter on a column header sorts."""
    _open(served, "/", charted=True)
    assert WANTED["category filter"](_tab_walk(served, 40, WANTED["category filter"])[-1])
    ActionChains(served.driver).send_keys(Keys.ENTER).perform()
    # the list opens with focus on the chosen option, "All categories"
    _wait_for_focus_on(served, "All categories")
    for _ in range(2):  # Pornographic sites, then Social media
        ActionChains(served.driver).send_keys(Keys.ARROW_DOWN).perform()
    _wait_for_focus_on(served, "Social media")
    ActionChains(served.driver).send_keys(Keys.ENTER).perform()
    served.wait_for_text_to_equal("#filter-category .dash-dropdown-value", "Social media")
    assert "category=social_media" in served.driver.current_url
    # focus is back on the filter, and Tab goes on from there to the redrawn table
    assert served.driver.execute_script(FOCUS_STATE)["filter"] == "filter-category"
    seen = _tab_walk(served, 40)
    assert seen[-1]["header"], seen[-1]
    ActionChains(served.driver).send_keys(Keys.ENTER).perform()
    WebDriverWait(served.driver, 10).until(lambda d: "sort=rank" in d.current_url)
    assert "category=social_media" in served.driver.current_url
    served.wait_for_element("table.ranking thead th[aria-sort]")
    assert served.get_logs() == []


def test_first_html_carries_the_language(public_db):
    """Before any script runs, <html lang> and the title follow the address."""
    client = create_app(public_db).server.test_client()
    english = client.get("/").get_data(as_text=True)
    chinese = client.get("/platform/facebook?lang=zh-Hant").get_data(as_text=True)
    odd = client.get("/?lang=%22%3E%3Cscript%3E").get_data(as_text=True)
    assert '<html lang="en">' in english and "<footer>" not in english
    assert '<html lang="zh-Hant-HK">' in chinese
    assert "<title>Ta-DA 審查：網絡平台下架表現評分</title>" in chinese
    assert '<html lang="en">' in odd and '"><script>' not in odd


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_chart_marks_are_okabe_ito_at_3_to_1():
    """Lines and bars contrast 3:1 with the plot; a colour is darkened only where it must be,
    and keeps its Okabe–Ito hue."""
    background = charts.PLOT_BACKGROUND
    for original, mark in zip(charts.OKABE_ITO, charts.MARKS, strict=True):
        assert _contrast(mark, background) >= 3, mark
        if _contrast(original, background) >= 3:
            assert mark == original
        else:
            hue = [colorsys.rgb_to_hls(*(int(c[i:i + 2], 16) / 255 for i in (1, 3, 5)))[0]
                   for c in (original, mark)]
            assert abs(hue[0] - hue[1]) < 0.01, (original, mark)
    figure = charts.lines([charts.Series(str(i), [0, 1], [0.1, 0.2], "h") for i in range(8)],
                          "x", "y", "en")
    assert {t["line"]["color"] for t in figure["data"]} == set(charts.MARKS)
