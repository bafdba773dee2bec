"""``tada demo``: every stage, end to end, on the bundled synthetic data, offline."""

from __future__ import annotations

import click

from scoring import synthetic
from scoring.caselog.ingest import ingest
from scoring.figures import report_figures
from tada.commands import crawl as crawl_cmd
from tada.commands.figures import print_figures
from tada.commands.ingest import print_summary
from tada.i18n import t
from tada.paths import SAMPLE_CASE_LOG

# The mirror holds one policy recorded on two dates; replaying the earlier date first gives
# the archive a real change (a second version with a diff) to show.
EARLIER_MIRROR_DATE = "2024-12-31"


def _step(env, key: str) -> None:
    env.console.rule(t(f"cli.demo.step.{key}", env.lang))


def _crawl(env) -> None:
    if not (env.data_dir.archive / "versions" / "index.jsonl").exists():
        crawl_cmd.print_summary(env, crawl_cmd.crawl_with_progress(
            env, mirror_date=EARLIER_MIRROR_DATE))
    crawl_cmd.print_summary(env, crawl_cmd.crawl_with_progress(env))


@click.command("demo")
@click.option("--no-serve", is_flag=True, help="Stop after building everything; do not serve.")
@click.pass_obj
def command(env, no_serve: bool) -> None:
    """Run the whole pipeline on the synthetic sample and the offline mirror."""
    env.console.print(t("cli.demo.intro", env.lang, data_dir=env.data_dir.root))
    _step(env, "crawl")
    _crawl(env)
    _step(env, "ingest")
    print_summary(env, ingest(SAMPLE_CASE_LOG, env.data_dir, as_of=synthetic.EXTRACTED))
    _step(env, "figures")
    print_figures(env, report_figures(env.data_dir.warehouse))
