"""``tada crawl``: fetch the declared policy pages into the archive (offline by default)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from core.changes import is_significant
from core.i18n import fmt_number, t
from crawlers.run import CrawlSummary, run_crawl
from crawlers.settings import TADA_CONTACT_URL, user_agent


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise click.BadParameter(t("crawl.bad_date", None, value=value)) from exc


def crawl_options(function):
    """The options that choose what to crawl and how (shared with ``tada watch``)."""
    for option in reversed((
        click.option("--platform", "platforms", multiple=True, metavar="SLUG",
                     help=t("cli.help.crawl.platform")),
        click.option("--live", is_flag=True, help=t("cli.help.crawl.live")),
        click.option("--render-js", is_flag=True, help=t("cli.help.crawl.render_js")),
        click.option("--contact-url", default=None, metavar="URL",
                     help=t("cli.help.crawl.contact_url")),
        click.option("--mirror-date", callback=_date, default=None, metavar="YYYY-MM-DD",
                     help=t("cli.help.crawl.mirror_date")),
        click.option("--from-warc", "from_warc", multiple=True, metavar="FILE",
                     type=click.Path(dir_okay=False, path_type=Path),
                     help=t("cli.help.crawl.from_warc")),
    )):
        function = option(function)
    return function


@click.command("crawl", help=t("cli.help.crawl"), short_help=t("cli.help.crawl.short"))
@crawl_options
@click.pass_obj
def command(env, platforms: tuple[str, ...], live: bool, render_js: bool,
            contact_url: str | None, mirror_date: str | None,
            from_warc: tuple[Path, ...]) -> None:
    """Crawl platforms' policies and reporting forms into the archive."""
    summary = crawl_with_progress(env, platforms, live=live, render_js=render_js,
                                  contact_url=contact_url, mirror_date=mirror_date,
                                  from_warc=from_warc)
    print_summary(env, summary)


def crawl_with_progress(env, platforms: tuple[str, ...] | list[str] = (), *, live: bool = False,
                        render_js: bool = False, contact_url: str | None = None,
                        mirror_date: str | None = None,
                        from_warc: tuple[Path, ...] = ()) -> CrawlSummary:
    """``run_crawl`` with a progress bar on standard error (also used by ``tada demo``)."""
    lang = env.lang
    if from_warc:
        intro_key, fields = "crawl.start.warc", {}
    elif live:
        intro_key, fields = "crawl.start.live", {
            "agent": user_agent(contact_url or TADA_CONTACT_URL)}
    else:
        as_of = t("crawl.start.as_of", lang, date=mirror_date) if mirror_date else ""
        intro_key, fields = "crawl.start.mirror", {"as_of": as_of}
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[current]}"), console=env.err,
                  transient=True) as bar:
        task = bar.add_task(t("crawl.progress", lang), total=None, current="")

        def on_event(event: dict) -> None:
            if event.get("event") == "start":
                bar.update(task, total=event["total"])
                env.err.print(t(intro_key, lang, count=fmt_number(event["total"], lang),
                                **fields))
            elif event.get("event") == "item":
                outcome = t("crawl.outcome." + event["outcome"], lang)
                bar.update(task, advance=1,
                           current=f"{event['platform']} · {event['document_type']} · {outcome}")

        return run_crawl(env.data_dir, list(platforms) or None, live=live, render_js=render_js,
                         contact_url=contact_url, mirror_date=mirror_date, progress=on_event,
                         from_warc=list(from_warc) or None)


def print_summary(env, summary: CrawlSummary) -> None:
    """The end-of-crawl table: documents ok / unchanged / failed by reason."""
    lang = env.lang
    table = Table(title=t("crawl.title", lang, crawl_id=summary.crawl_id))
    table.add_column(t("crawl.col.outcome", lang))
    table.add_column(t("crawl.col.documents", lang), justify="right")
    table.add_row(t("crawl.group.ok", lang), fmt_number(summary.ok, lang))
    table.add_row(t("crawl.group.unchanged", lang), fmt_number(summary.unchanged, lang))
    failed = summary.failed
    table.add_row(t("crawl.group.failed", lang), fmt_number(sum(failed.values()), lang))
    for outcome, count in sorted(failed.items()):
        table.add_row("  " + t("crawl.outcome." + outcome, lang), fmt_number(count, lang))
    table.add_row(t("crawl.total", lang), fmt_number(len(summary.records), lang), style="bold")
    env.console.print(table)
    failures = [r for r in summary.records if r["outcome"] in failed]
    if failures:
        detail = Table(title=t("crawl.failures", lang))
        for key in ("platform", "document", "outcome", "detail"):
            detail.add_column(t(f"crawl.col.{key}", lang))
        for r in failures:
            status = f"HTTP {r['status']}" if r.get("status") else ""
            document = t("crawl.doc." + r["document_type"], lang)
            detail.add_row(r["platform"], f"{document} ({r['lang']})",
                           t("crawl.outcome." + r["outcome"], lang),
                           (r.get("detail") or status)[:80])
        env.console.print(detail)
    env.console.print(t("crawl.new_versions", lang, count=fmt_number(summary.new_versions, lang),
                        path=env.data_dir.archive))
    if summary.changes:
        significant = sum(1 for c in summary.changes if is_significant(c))
        env.console.print(t("crawl.changes", lang, count=fmt_number(len(summary.changes), lang),
                            significant=fmt_number(significant, lang)))
    for note in summary.notes:
        env.err.print(note, highlight=False, markup=False)
    missing = summary.expected - len(summary.records)
    if missing > 0:
        env.err.print(t("crawl.missing_records", lang, missing=missing, log=summary.log_file))
