"""The ``tada`` command: a thin layer over the stages' plain functions.

Each subcommand lives in ``tada/commands/<name>.py`` and exposes ``command``.
"""

from __future__ import annotations

import errno
import functools
import importlib
import inspect
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import click
from rich.console import Console
from rich.markup import escape

from core import __version__, lock, tidy
from core.errors import TadaError
from core.i18n import UnknownLanguage, normalise_lang, set_default_lang, t
from core.paths import DataDir

# In the order of the pipeline, as ``tada --help`` lists them.
COMMANDS = (
    "demo",
    "doctor",
    "crawl",
    "watch",
    "classify",
    "ingest",
    "dsa",
    "figures",
    "score",
    "export",
    "dashboard",
    "evidence",
    "verify",
)
# Commands that write into the data directory: one at a time (``core.lock``). The first ones
# may start a new data directory; the others need one that exists.
STARTS_DATA_DIR = ("demo", "crawl", "watch", "ingest", "dsa")
WRITES = (*STARTS_DATA_DIR, "score", "export", "evidence")
# Data files private to the user (0600), folders too (0700): they describe people who were harmed.
PRIVATE_UMASK = 0o077
# What the environment refuses (permissions, a read-only or full disk): a message naming the
# path, never a traceback.
_ENVIRONMENT_ERRNOS = (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT,
                       errno.EISDIR, errno.ENOTDIR, errno.ENAMETOOLONG)


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


@contextmanager
def _help_lang(ctx: click.Context) -> Iterator[None]:
    """Help texts are translated when they are created or shown, which click does before the
    group callback sets the language: use the --lang parsed so far (or $TADA_LANG) meanwhile."""
    undo = set_default_lang(ctx.params.get("lang") or normalise_lang(None))
    try:
        yield
    finally:
        undo()


def _holding_data_dir(name: str, callback: Callable[..., object]) -> Callable[..., object]:
    """``callback`` run while holding the data directory, after sweeping up what killed runs
    left. Wrapped around the callback (not the group), so ``--help`` never waits."""

    @functools.wraps(callback)
    def run(*args: object, **kwargs: object) -> object:
        env = click.get_current_context().find_object(Env)
        root = env.data_dir.root
        if name in STARTS_DATA_DIR:
            root.mkdir(parents=True, exist_ok=True, mode=0o700)
        elif not root.is_dir():
            return callback(*args, **kwargs)  # the command says what is missing

        def waiting(holder: lock.Holder | None, seconds: float) -> None:
            env.err.print(t("core.lock.waiting", env.lang, path=root, seconds=round(seconds),
                            holder=holder.text(env.lang) if holder
                            else t("core.lock.unknown", env.lang)),
                          highlight=False, soft_wrap=True)

        with lock.hold(root, f"tada {name}", on_wait=waiting):
            tidy.sweep(root)
            return callback(*args, **kwargs)

    return run


def _hold_when_writing(name: str, command: click.Command) -> None:
    if name not in WRITES or getattr(command, "_tada_holds", False):
        return
    targets = command.commands.values() if isinstance(command, click.Group) else [command]
    for target in targets:
        target.callback = _holding_data_dir(name, target.callback)
    command._tada_holds = True  # type: ignore[attr-defined]


class _HelpFormatter(click.HelpFormatter):
    """click writes its own headings (Usage, Options, Commands) in English: translate them,
    each with its language's colon."""

    _HEADINGS = {"Options": "cli.help.heading.options", "Commands": "cli.help.heading.commands",
                 "Positional arguments": "cli.help.heading.arguments"}

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, t("cli.help.heading.usage") if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        key = self._HEADINGS.get(heading)
        self.write(f"{'':>{self.current_indent}}{t(key) if key else heading + ':'}\n")


class _Context(click.Context):
    formatter_class = _HelpFormatter


def _localise_help_option(command: click.Command, ctx: click.Context) -> None:
    """click writes its own --help text and headings in English; translate them, for nested
    commands too."""
    command.context_class = _Context
    option = command.get_help_option(ctx)
    if option is not None:
        option.help = t("cli.help.help")
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _localise_help_option(sub, ctx)


class TadaGroup(click.Group):
    """Loads each subcommand only when it runs (a quick ``tada verify`` need not import Dash),
    and reports a TadaError as a plain message and exit code 2, never a traceback."""

    context_class = _Context

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        # A module translates its help texts when first imported: one language per process,
        # which is how the command line runs.
        with _help_lang(ctx):
            command = importlib.import_module(f"tada.commands.{cmd_name}").command
            _localise_help_option(command, ctx)
        _hold_when_writing(cmd_name, command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Each command's line comes from the catalogue (cli.help.<name>.short, as the command
        # itself declares it): listing them imports no command module (Scrapy, Dash, Polars…).
        with _help_lang(ctx):
            rows = [(name, inspect.cleandoc(t(f"cli.help.{name}.short"))) for name in COMMANDS]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # The group's own texts were translated when tada.cli was imported, before --lang was
        # read: translate them again, by the convention cli.help.<parameter name>.
        with _help_lang(ctx):
            self.help = t("cli.help.tada")
            for param in self.params:
                param.help = t(f"cli.help.{param.name}")
            _localise_help_option(self, ctx)
            super().format_help(ctx, formatter)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except TadaError as exc:
            _report(str(exc), exc.details())
            ctx.exit(exc.exit_code)
        except OSError as exc:
            if exc.errno not in _ENVIRONMENT_ERRNOS:
                raise
            _report(t("cli.os_error", None, path=exc.filename or "", reason=exc.strerror), [])
            ctx.exit(TadaError.exit_code)


def _report(message: str, details: list[str]) -> None:
    err = Console(stderr=True, soft_wrap=True)
    err.print(f"[bold red]{t('cli.error')}[/] {escape(message)}", highlight=False)
    for line in details:
        err.print(f"  {line}", highlight=False, markup=False)


@click.group(cls=TadaGroup, context_settings={"help_option_names": ["-h", "--help"]},
             help=t("cli.help.tada"))
@click.version_option(__version__, prog_name="tada", help=t("cli.help.version"))
@click.option("--data-dir", type=click.Path(file_okay=False), default=None,
              help=t("cli.help.data_dir"))
# Eager, so that `tada --lang zh-Hant --help` is read before --help prints.
@click.option("--lang", default=None, callback=_lang, is_eager=True, help=t("cli.help.lang"))
@click.pass_context
def cli(ctx: click.Context, data_dir: str | None, lang: str) -> None:
    """Run the chosen subcommand with the data directory and language set."""
    ctx.call_on_close(set_default_lang(lang))
    previous = os.umask(PRIVATE_UMASK)
    ctx.call_on_close(lambda: os.umask(previous))
    ctx.obj = Env(DataDir.resolve(data_dir), lang, Console(), Console(stderr=True))


def main() -> None:
    cli(prog_name="tada")
