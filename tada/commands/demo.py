"""``tada demo``: every stage, end to end, on the bundled synthetic data."""

from __future__ import annotations

import click

from scoring import synthetic
from scoring.caselog.ingest import ingest
from scoring.figures import report_figures
from tada.commands.figures import print_figures
from tada.commands.ingest import print_summary
from tada.i18n import t
from tada.paths import SAMPLE_CASE_LOG


def _step(env, key: str) -> None:
    env.console.rule(t(f"cli.demo.step.{key}", env.lang))


@click.command("demo")
@click.option("--no-serve", is_flag=True, help="Stop after building everything; do not serve.")
@click.pass_obj
def command(env, no_serve: bool) -> None:
    """Run the whole pipeline on the synthetic sample, offline."""
    env.console.print(t("cli.demo.intro", env.lang, data_dir=env.data_dir.root))
    _step(env, "ingest")
    print_summary(env, ingest(SAMPLE_CASE_LOG, env.data_dir, as_of=synthetic.EXTRACTED))
    _step(env, "figures")
    print_figures(env, report_figures(env.data_dir.warehouse))
