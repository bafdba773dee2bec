"""The ``tada`` command: a thin layer over the stages' plain functions.

Each subcommand lives in ``tada/commands/<name>.py`` and exposes ``command``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

import click
from rich.console import Console

from tada import __version__
from tada.errors import TadaError
from tada.i18n import UnknownLanguage, normalise_lang, set_default_lang, t
from tada.paths import DataDir

# In the order of the pipeline, as ``tada --help`` lists them.
COMMANDS = (
    "demo",
    "crawl",
    "classify",
    "ingest",
    "figures",
    "score",
    "export",
    "dashboard",
    "evidence",
    "verify",
)


@dataclass
class Env:
    """What every subcommand receives: the data directory, the language, the console."""

    data_dir: DataDir
    lang: str
    console: Console
    err: Console


def _lang(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str:
    try:
        return normalise_lang(value)
    except UnknownLanguage as exc:
        raise click.BadParameter(str(exc)) from exc


class TadaGroup(click.Group):
    """Loads each subcommand only when it runs (a quick ``tada verify`` need not import Dash),
    and reports a TadaError as a plain message and exit code 2, never a traceback."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        return importlib.import_module(f"tada.commands.{cmd_name}").command

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except TadaError as exc:
            err = Console(stderr=True, soft_wrap=True)
            err.print(f"[bold red]{t('cli.error')}[/] {exc}", highlight=False)
            for line in exc.details():
                err.print(f"  {line}", highlight=False, markup=False)
            ctx.exit(exc.exit_code)


@click.group(cls=TadaGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tada")
@click.option("--data-dir", type=click.Path(file_okay=False), default=None,
              help="Working data directory (default: $TADA_DATA_DIR or ./var).")
@click.option("--lang", default=None, callback=_lang,
              help="Language of messages: en or zh-Hant (default: $TADA_LANG or en).")
@click.pass_context
def cli(ctx: click.Context, data_dir: str | None, lang: str) -> None:
    """Ta-DA audit: which platforms respond to NCII take-down requests, and how fast."""
    ctx.call_on_close(set_default_lang(lang))
    ctx.obj = Env(DataDir.resolve(data_dir), lang, Console(), Console(stderr=True))


def main() -> None:
    cli(prog_name="tada")
