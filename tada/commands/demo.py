"""``tada demo``: every stage, end to end, on the bundled synthetic data, offline."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import click

from core.export import FORMATS, export_scorecards
from core.i18n import fmt_number, t
from core.paths import SAMPLE_CASE_LOG
from evidence import build_pack, verify_pack
from scoring import synthetic
from scoring.caselog.ingest import ingest
from scoring.dsa.importer import import_dumps
from scoring.dsa.synthetic import write_day
from scoring.figures import report_figures
from scoring.score import build
from tada.commands import crawl as crawl_cmd
from tada.commands import doctor as doctor_cmd
from tada.commands import dsa as dsa_cmd
from tada.commands import evidence as evidence_cmd
from tada.commands import export as export_cmd
from tada.commands import score as score_cmd
from tada.commands.figures import print_figures
from tada.commands.ingest import print_summary
from tada.health import run_checks

# The mirror holds one policy recorded on two dates; replaying the earlier date first gives
# the archive a real change (a second version with a diff) to show.
EARLIER_MIRROR_DATE = "2024-12-31"
# The social-media platforms the service report names, for the demo's evidence pack.
PACK_PLATFORMS = ("telegram", "instagram", "facebook", "lihkg")
# A few small synthetic days of the EU DSA Transparency Database (schema v2), seeded so every
# run writes the same statements; small enough to add only seconds to the demo.
DSA_DAYS = (dt.date(2025, 8, 1), dt.date(2025, 8, 2), dt.date(2025, 8, 3))
DSA_ROWS = 20_000
DSA_SEED = 2025
DSA_NCII_RATE = 0.02


def _step(env, key: str) -> None:
    env.console.rule(t(f"cli.demo.step.{key}", env.lang))


def _crawl(env) -> None:
    if not (env.data_dir.archive / "versions" / "index.jsonl").exists():
        crawl_cmd.print_summary(env, crawl_cmd.crawl_with_progress(
            env, mirror_date=EARLIER_MIRROR_DATE))
    crawl_cmd.print_summary(env, crawl_cmd.crawl_with_progress(env))


def _doctor(env) -> None:
    """The system check's summary; the full table, and a stop, when something required fails."""
    checks = run_checks(env.data_dir)
    if doctor_cmd.failed_required(checks):
        doctor_cmd.print_table(env, checks)
    for line in doctor_cmd.summary(env, checks):
        env.console.print(line, highlight=False, markup=False, soft_wrap=True)
    if doctor_cmd.failed_required(checks):
        raise click.exceptions.Exit(1)


def _dsa(env) -> None:
    """Write the synthetic days into the data directory's folder for them (once: an existing
    day is reused, so a second run imports nothing) and import them; say they are synthetic."""
    folder = env.data_dir.dsa_synthetic
    zips = []
    for day in DSA_DAYS:
        path = folder / f"sor-global-{day.isoformat()}-full.zip"
        if not (path.is_file() and path.with_name(path.name + ".sha1").is_file()):
            path = write_day(folder, day, DSA_ROWS, ncii_rate=DSA_NCII_RATE, seed=DSA_SEED)
        zips.append(path)
    env.console.print(t("cli.demo.dsa_synthetic", env.lang, days=len(zips),
                        rows=fmt_number(DSA_ROWS, env.lang), folder=folder), highlight=False,
                      soft_wrap=True)
    dsa_cmd.print_results(env, import_dumps(zips, env.data_dir))


def _tampered_copy_fails(env, pack: Path) -> None:
    """Show that verification catches a change: alter one byte in a copy of the pack."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / pack.name
        shutil.copytree(pack, copy)
        target = copy / "data" / "methodology.yaml"
        data = bytearray(target.read_bytes())
        data[0] ^= 0x01
        target.write_bytes(bytes(data))
        verdict = verify_pack(copy)
    if verdict.ok:  # a pack that cannot detect tampering must never pass silently
        raise click.ClickException(t("cli.demo.tamper_undetected", env.lang))
    env.console.print(t("cli.demo.tampered", env.lang), highlight=False)
    for line in verdict.lines()[2:]:
        env.console.print(f"  {line}", highlight=False, markup=False)


@click.command("demo", help=t("cli.help.demo"), short_help=t("cli.help.demo.short"))
@click.option("--no-serve", is_flag=True, help=t("cli.help.demo.no_serve"))
@click.pass_obj
def command(env, no_serve: bool) -> None:
    """Run the whole pipeline on the synthetic sample and the offline mirror."""
    env.console.print(t("cli.demo.intro", env.lang, data_dir=env.data_dir.root))
    _step(env, "doctor")
    _doctor(env)
    _step(env, "crawl")
    _crawl(env)
    _step(env, "ingest")
    print_summary(env, ingest(SAMPLE_CASE_LOG, env.data_dir, as_of=synthetic.EXTRACTED))
    _step(env, "dsa")
    _dsa(env)
    _step(env, "figures")
    print_figures(env, report_figures(env.data_dir.warehouse))
    _step(env, "score")
    score_cmd.print_summary(env, build(env.data_dir))
    _step(env, "export")
    export_cmd.print_export(env, export_scorecards(env.data_dir.public_db, env.data_dir.exports,
                                                   list(FORMATS), env.lang))
    _step(env, "evidence")
    pack = build_pack(env.data_dir, PACK_PLATFORMS, organisation="Ta-DA audit demo")
    evidence_cmd.print_result(env, pack)
    verdict = verify_pack(pack.zip_path)
    for line in verdict.lines()[:2]:
        env.console.print(line, highlight=False)
    _tampered_copy_fails(env, pack.path)
    if no_serve:
        return
    _step(env, "dashboard")
    from dashboard.serve import serve  # Dash loads only when the demo serves

    serve(env.data_dir, host="127.0.0.1", port=8050,
          echo=lambda line: env.console.print(line, highlight=False))
