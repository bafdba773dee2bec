"""``tada watch``: crawl, record what changed for victims, rewrite the feeds, alert.

Exit status 3 when this run found a significant change (a policy element or access to a
reporting form), 0 otherwise, so that cron, a systemd timer or CI can raise the alarm.
"""

from __future__ import annotations

import click
from rich.table import Table

from core.changes import headline, is_significant
from core.i18n import fmt_number, t
from crawlers.changes.feeds import platform_names
from crawlers.changes.notify import notify
from crawlers.changes.update import dashboard_url
from tada.commands.crawl import crawl_options, crawl_with_progress, print_summary

CHANGED = 3


@click.command("watch", help=t("cli.help.watch"), short_help=t("cli.help.watch.short"))
@crawl_options
@click.option("--notify-url", default=None, metavar="URL", help=t("cli.help.watch.notify_url"))
@click.option("--notify-attempts", default=4, show_default=True, type=click.IntRange(1, 20),
              help=t("cli.help.watch.notify_attempts"))
@click.option("--notify-backoff", default=2.0, show_default=True, type=click.FloatRange(0, 600),
              metavar="SECONDS", help=t("cli.help.watch.notify_backoff"))
@click.pass_context
def command(ctx: click.Context, notify_url: str | None, notify_attempts: int,
            notify_backoff: float, **crawl: object) -> None:
    """Crawl, record changes, regenerate the feeds; exit 3 on a significant change."""
    env = ctx.obj
    lang = env.lang
    summary = crawl_with_progress(env, **crawl)  # type: ignore[arg-type]
    print_summary(env, summary)
    names = platform_names()
    significant = [c for c in summary.changes if is_significant(c)]
    if significant:
        table = Table(title=t("watch.title", lang, count=fmt_number(len(significant), lang)))
        table.add_column(t("watch.col.change", lang))
        table.add_column(t("watch.col.captured", lang))
        for change in significant:
            name = names.get(change["platform"], (change["platform"],) * 2)
            table.add_row(headline(change, name[1] if lang != "en" else name[0], lang),
                          change["fetched_at"][:10])
        env.console.print(table)
    else:
        env.console.print(t("watch.none", lang))
    minor = len(summary.changes) - len(significant)
    if minor:
        env.console.print(t("watch.minor", lang, count=fmt_number(minor, lang)))
    env.console.print(t("watch.feeds", lang, path=env.data_dir.feeds))
    if notify_url:
        delivery = notify(env.data_dir.archive, notify_url,
                          [c["change_id"] for c in significant], names, dashboard_url(),
                          attempts=notify_attempts, backoff=notify_backoff)
        if delivery.ok and delivery.sent:
            env.console.print(t("watch.notified", lang, count=delivery.sent, url=notify_url))
        elif not delivery.ok:
            env.err.print(t("watch.notify_failed", lang, url=notify_url, error=delivery.error,
                            attempts=delivery.attempts, count=delivery.pending),
                          highlight=False, markup=False)
    ctx.exit(CHANGED if significant else 0)
