"""The README is the manual: this fails when a command, question, page, setting or
make target exists but is not documented there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kb.__main__ import build_parser
from kb.engine.service import catalogue
from ui.app import PAGES
from ui.i18n import text

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _subcommands() -> list[str]:
    parser = build_parser()
    actions = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
    return sorted(actions[0].choices)


@pytest.mark.parametrize("command", _subcommands())
def test_every_cli_command_is_documented(command):
    assert f"python -m kb {command}" in README


@pytest.mark.parametrize("question", sorted(catalogue().questions))
def test_every_question_is_documented(question):
    assert f"`{question}`" in README


@pytest.mark.parametrize(("file", "title", "icon", "url_path"), PAGES)
def test_every_ui_page_is_documented(file, title, icon, url_path):
    assert f"| {text(title, 'en')} |" in README
    assert url_path == PAGES[0][3] or f"`/{url_path}" in README


def _make_targets() -> list[str]:
    makefile = (ROOT / "Makefile").read_text()
    return sorted(re.search(r"^\.PHONY:(.*)$", makefile, re.M)[1].split())


@pytest.mark.parametrize("target", _make_targets())
def test_every_make_target_is_documented(target):
    assert f"make {target}" in README or f"`make {target}`" in README


def _settings() -> list[str]:
    names = set()
    for path in [*ROOT.glob("kb/**/*.py"), *ROOT.glob("ui/**/*.py"), *ROOT.glob("loaders/**/*.py")]:
        names |= set(re.findall(r"os\.environ(?:\.get)?\(\s*\"([A-Z_]+)\"", path.read_text(encoding="utf-8")))
    return sorted(names)


@pytest.mark.parametrize("setting", _settings())
def test_every_environment_setting_is_documented(setting):
    assert f"`{setting}`" in README


@pytest.mark.parametrize("script", sorted(p.name for p in (ROOT / "bench").glob("*.py") if p.name != "baseline_app.py"))
def test_every_benchmark_is_documented_with_figures(script):
    assert f"python bench/{script}" in README


def test_the_settings_scan_finds_something():
    assert "KB_SPARQL_ENDPOINT" in _settings()  # guards the regex above against silently matching nothing
