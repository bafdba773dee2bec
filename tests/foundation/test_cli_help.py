"""The command line's own help is bilingual: every text comes from the cli.help.* catalogue."""

from __future__ import annotations

import ast
import os
import re
import string
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import tada
from core.i18n import EN, LANGS, ZH, catalogue, normalise_lang, t
from tada.cli import COMMANDS, cli

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u3400-\u9fff\uff01-\uff5e]")
DECORATORS = {"command", "group", "option", "argument", "version_option", "help_option"}


def _squash(text: str) -> str:
    """Help as click wraps it, compared without whitespace (wrapping moves line breaks)."""
    return re.sub(r"\s+", "", text)


def _pattern(template: str) -> re.Pattern[str]:
    """A message as a regex over squashed text: its fields may hold anything."""
    parts = [re.escape(_squash(literal)) + (".+?" if field is not None else "")
             for literal, field, _, _ in string.Formatter().parse(template)]
    return re.compile("".join(parts))


def _help_messages(lang: str) -> dict[str, re.Pattern[str]]:
    return {key: _pattern(texts[lang]) for key, texts in catalogue().items()
            if key.startswith("cli.help.")}


def _key_of(text: str | None, lang: str) -> str | None:
    if text is None:
        return None
    return next((key for key, rx in _help_messages(lang).items()
                 if rx.fullmatch(_squash(text))), None)


@pytest.fixture
def fresh_commands() -> Iterator[None]:
    """Each test imports the command modules anew, as a new ``tada`` process does: their help
    texts are translated at import. The modules other tests imported are put back after."""
    def ours(name: str) -> bool:
        return name == "tada.commands" or name.startswith("tada.commands.")

    saved = {name: module for name, module in sys.modules.items() if ours(name)}
    saved_attr = getattr(tada, "commands", None)
    for name in saved:
        del sys.modules[name]
    yield
    for name in [name for name in sys.modules if ours(name)]:
        del sys.modules[name]
    sys.modules.update(saved)
    if saved_attr is not None:
        tada.commands = saved_attr


@pytest.fixture
def invoke(monkeypatch: pytest.MonkeyPatch, fresh_commands: None):
    monkeypatch.delenv("TADA_LANG", raising=False)

    def run(*args: str, env: dict[str, str] | None = None) -> str:
        result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    return run


def _command_paths() -> list[tuple[str, ...]]:
    """Every command under ``tada``, nested ones (``export scorecards``) included."""
    paths = []
    ctx = cli.make_context("tada", ["--lang", EN, "verify"])
    for name in COMMANDS:
        command = cli.get_command(ctx, name)
        paths.append((name,))
        if isinstance(command, click.Group):
            paths.extend((name, sub) for sub in command.commands)
    return paths


def _walk(command: click.Command, ctx: click.Context) -> Iterator[click.Command]:
    yield command
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            yield from _walk(command.get_command(ctx, name), ctx)


def _texts(command: click.Command, ctx: click.Context) -> Iterator[tuple[str, str | None]]:
    """(where, text) for a command's help, short help and every parameter's help."""
    yield f"{command.name}: help", command.help
    if command is not cli:  # the group is never listed, so it has no short help
        yield f"{command.name}: short_help", command.short_help
    for param in command.get_params(ctx):
        if isinstance(param, click.Option):
            yield f"{command.name} {param.opts[-1]}", param.help


def _assert_only(lang: str, output: str) -> None:
    """No cli.help text of the other language appears in the output."""
    other = EN if lang == ZH else ZH
    squashed = _squash(output)
    leaked = [key for key, rx in _help_messages(other).items() if rx.search(squashed)]
    assert leaked == [], output


@pytest.mark.parametrize("path", _command_paths(), ids=" ".join)
def test_every_command_help_in_chinese(invoke, path):
    output = invoke("--lang", "zh-Hant", *path, "--help")
    ctx = cli.make_context("tada", ["--lang", ZH, *path])
    command = cli
    for name in path:
        command = command.get_command(ctx, name)
    assert _squash(t(f"cli.help.{'.'.join(path)}", ZH, formats="")) in _squash(output)
    assert _squash(t("cli.help.help", ZH)) in _squash(output)
    for where, text in _texts(command, ctx):
        if where.endswith("short_help"):
            continue  # shown in the parent's list, checked below
        assert _key_of(text, ZH), f"{where}: {text!r}"
        assert _squash(text) in _squash(output), where
    _assert_only(ZH, output)
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            assert _squash(sub.short_help) in _squash(output)
            assert _key_of(sub.short_help, ZH)


@pytest.mark.parametrize("path", _command_paths(), ids=" ".join)
def test_every_command_help_in_english_by_default(invoke, path):
    output = invoke(*path, "--help")
    assert _squash(t(f"cli.help.{'.'.join(path)}", EN, formats="")) in _squash(output)
    assert not CJK.search(output), output
    _assert_only(EN, output)


def test_top_level_help_follows_tada_lang(invoke):
    output = invoke("--help", env={"TADA_LANG": "zh-Hant"})
    squashed = _squash(output)
    for key in ("cli.help.tada", "cli.help.data_dir", "cli.help.lang", "cli.help.version",
                "cli.help.help"):
        assert _squash(t(key, ZH)) in squashed, key
    for name in COMMANDS:
        assert _squash(t(f"cli.help.{name}.short", ZH)) in squashed, name
    _assert_only(ZH, output)


@pytest.mark.parametrize("lang", LANGS)
def test_listed_short_help_is_what_each_command_declares(invoke, lang):
    """``tada --help`` lists the catalogue's lines without importing the commands: each must be
    the short help the command itself declares, shown when it is imported."""
    output = _squash(invoke("--lang", lang, "--help"))
    ctx = cli.make_context("tada", ["--lang", lang, "verify"])
    for name in COMMANDS:
        declared = cli.get_command(ctx, name).short_help
        assert declared == t(f"cli.help.{name}.short", lang), name
        assert _squash(name + declared) in output, name


def test_lang_before_help_chooses_the_top_level_language(invoke):
    output = invoke("--lang", "zh-Hant", "--help")
    assert _squash(t("cli.help.lang", ZH)) in _squash(output)
    _assert_only(ZH, output)
    # The help's language is scoped to the help: nothing leaks into later messages.
    assert normalise_lang(None) == EN
    # The group's own texts follow each run's language even within one process.
    english = _squash(invoke("--help"))
    assert _squash(t("cli.help.tada", EN)) in english
    assert _squash(t("cli.help.lang", EN)) in english


def test_lang_option_overrides_tada_lang(invoke):
    output = invoke("--lang", "en", "ingest", "--help", env={"TADA_LANG": "zh-Hant"})
    assert _squash(t("cli.help.ingest", EN)) in _squash(output)
    assert not CJK.search(output), output


def test_bad_lang_is_refused_before_help(invoke):
    result = CliRunner().invoke(cli, ["--lang", "fr", "--help"])
    assert result.exit_code == 2
    assert "--lang" in result.output and "fr" in result.output


@pytest.mark.parametrize("lang", LANGS)
def test_no_help_text_outside_the_catalogue(invoke, lang):
    """Every help text of every command, in either language, is a cli.help.* message."""
    invoke("--lang", lang, "--help")  # the group translates its own texts when shown
    ctx = cli.make_context("tada", ["--lang", lang, "verify"])
    unknown = [f"{where}: {text!r}" for command in _walk(cli, ctx)
               for where, text in _texts(command, ctx) if not _key_of(text, lang)]
    assert unknown == []


def test_no_literal_help_string_in_the_source():
    """click decorators in tada/ take their texts from t(), and commands never fall back to an
    (English) docstring for their help."""
    problems = []
    for path in sorted((ROOT / "tada").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in DECORATORS):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            keywords = {k.arg: k.value for k in node.keywords}
            if node.func.attr in {"command", "group"} and "help" not in keywords:
                problems.append(f"{where}: {node.func.attr} without help=")
            for name in ("help", "short_help"):
                value = keywords.get(name)
                if value is not None and not (isinstance(value, ast.Call)
                                              and getattr(value.func, "id", None) == "t"):
                    problems.append(f"{where}: {name}= is not t(...)")
    assert problems == []


def test_a_new_process_shows_chinese_help():
    """The real entry point, as a user runs it, with no test scaffolding."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TADA_")}
    entry = [sys.executable, "-c", "from tada.cli import main; main()"]
    top = subprocess.run([*entry, "--help"], env={**env, "TADA_LANG": "zh-Hant"},
                         capture_output=True, text=True, timeout=120, check=True).stdout
    assert _squash(t("cli.help.tada", ZH)) in _squash(top)
    assert _squash(t("cli.help.ingest.short", ZH)) in _squash(top)
    sub = subprocess.run([*entry, "--lang", "zh-Hant", "ingest", "--help"], env=env,
                         capture_output=True, text=True, timeout=120, check=True).stdout
    assert _squash(t("cli.help.ingest.as_of", ZH)) in _squash(sub)
    _assert_only(ZH, sub)
