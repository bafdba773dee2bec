"""The mirror replayed at 2024-12-31 and then at its latest date: X's NCII policy changes as
element changes with quotes, valid feeds, ``tada watch`` exit codes, and webhook alerts that
survive a failed delivery."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import feedparser
import pytest

from core.changes import read_changes
from crawlers.changes.notify import OUTBOX, post_json
from tada.commands.watch import CHANGED

_spec = importlib.util.spec_from_file_location("changes_receiver",
                                               Path(__file__).with_name("receiver.py"))
_receiver = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_receiver)
receiver = _receiver.receiver
X = ("--platform", "x_twitter")


@pytest.mark.slow  # crawls in child processes
def test_mirror_replay_then_watch_alerts_once_and_keeps_undelivered_changes(run_tada,
                                                                            data_dir):
    first = run_tada("crawl", *X, "--mirror-date", "2024-12-31")
    assert first.exit_code == 0, first.output
    assert read_changes(data_dir.archive) == []  # first versions: nothing to compare

    with receiver(statuses=[500, 503]) as hook:  # the webhook is down for this run
        watched = run_tada("watch", *X, "--notify-url", hook.url, "--notify-attempts", "2",
                           "--notify-backoff", "0.01")
        assert watched.exit_code == CHANGED, watched.output
        assert len(hook.posts) == 2  # tried twice, then left for the next run
    said = " ".join(watched.output.split())  # the console wraps long lines
    assert "2 significant change(s)" in said and "Covers synthetic" in said
    assert "kept and sent on the next run" in said
    changes = {c["element"]: c for c in read_changes(data_dir.archive)}
    assert set(changes) == {"covers_synthetic_media", "stated_response_time_hours"}
    synthetic = changes["covers_synthetic_media"]
    assert (synthetic["before"], synthetic["after"], synthetic["kind"]) == ("no", "yes",
                                                                            "element")
    assert "deepfakes" in synthetic["after_quote"]
    response = changes["stated_response_time_hours"]
    assert (response["before"], response["after"]) == (None, 48.0)
    assert "within 48 hours" in response["after_quote"]
    assert response["previous_fetched_at"] <= response["fetched_at"]
    # Shown by the dates the mirror recorded the two pages, not the replay's clock.
    assert (response["previous_captured_at"][:10], response["captured_at"][:10]) == (
        "2024-06-03", "2025-03-10")
    outbox = json.loads((data_dir.archive / OUTBOX).read_text())
    assert sorted(outbox[hook.url]) == sorted(c["change_id"] for c in changes.values())

    for name in ("all", "x_twitter"):
        feed = feedparser.parse((data_dir.feeds / f"{name}.atom").read_bytes())
        assert not feed.bozo, feed.get("bozo_exception")
        assert len(feed.entries) == 2
        entry = feed.entries[0]
        assert "/platform/x_twitter/version/" in entry.link and entry.link.endswith("/diff")
        assert "X（前稱 Twitter）" in entry.title  # the Chinese summary beside the English
        assert entry.published.startswith("2025-03-10")
    assert not feedparser.parse((data_dir.feeds / "x_twitter.atom").read_bytes()).bozo

    with receiver() as hook_back:  # nothing new, but the waiting changes are delivered
        again = run_tada("watch", *X, "--notify-url", hook.url.replace(
            hook.url, hook_back.url))
        assert again.exit_code == 0, again.output
    assert hook_back.posts == []  # a different URL has nothing waiting

    outbox_url = hook.url
    with receiver() as hook_up:
        # the same webhook, back up (new port: move the waiting changes to it)
        waiting = json.loads((data_dir.archive / OUTBOX).read_text())
        (data_dir.archive / OUTBOX).write_text(json.dumps({hook_up.url: waiting[outbox_url]}))
        delivered = run_tada("watch", *X, "--notify-url", hook_up.url)
        assert delivered.exit_code == 0, delivered.output
        assert len(hook_up.posts) == 1
        body = hook_up.posts[0]["json"]
        assert hook_up.posts[0]["content_type"].startswith("application/json")
        assert body["count"] == 2
        assert {c["element"] for c in body["changes"]} == set(changes)
        assert all(c["summary"]["en"] and c["summary"]["zh-Hant-HK"] for c in body["changes"])
        assert all(c["links"]["diff"].endswith("/diff") for c in body["changes"])
        quiet = run_tada("watch", *X, "--notify-url", hook_up.url)
        assert quiet.exit_code == 0 and len(hook_up.posts) == 1  # nothing sent twice
    assert json.loads((data_dir.archive / OUTBOX).read_text()) == {}


def test_post_json_backs_off_exponentially_then_succeeds():
    waits: list[float] = []
    with receiver(statuses=[500, 429]) as hook:
        attempts, error = post_json(hook.url, {"x": 1}, attempts=4, backoff=0.5,
                                    sleep=waits.append)
    assert (attempts, error) == (3, None)
    assert waits == [0.5, 1.0]
    assert [p["json"] for p in hook.posts] == [{"x": 1}] * 3


def test_post_json_reports_an_unreachable_webhook():
    with receiver() as hook:
        url = hook.url
    attempts, error = post_json(url, {}, attempts=2, backoff=0, sleep=lambda _s: None)
    assert attempts == 2 and error
