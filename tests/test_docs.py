"""The README is the manual: this fails when a command, question, page, setting or
make target exists but is not documented there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from kb.__main__ import build_parser
from kb.engine.catalogue import CHOICE_KEYS, COLUMN_KEYS, COLUMN_TYPES, PARAM_KEYS, QUESTION_KEYS, SOURCES
from kb.engine.params import TRANSFORMS
from kb.engine.service import all_questions, catalogue
from ui.i18n import text
from ui.pages import HOME, PAGES

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
QUERIES_README = (ROOT / "queries" / "README.md").read_text(encoding="utf-8")


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


def _used_header_keys() -> list[str]:
    """Every key any .rq header uses, read as plain YAML (not through the loader, which would
    refuse an unknown key before this test could say it is undocumented)."""
    keys: set[str] = set()
    for directory in SOURCES.values():
        for path in directory.glob("*.rq"):
            header = "\n".join(line[3:] for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#+ "))
            meta = yaml.safe_load(header) or {}
            keys |= set(meta)
            for param in (meta.get("params") or {}).values():
                keys |= set(param)
                if isinstance(param.get("choices"), list):
                    keys |= {key for item in param["choices"] for key in item}
            for column in (meta.get("columns") or {}).values():
                keys |= set(column)
    return sorted(keys | {*QUESTION_KEYS, *PARAM_KEYS, *COLUMN_KEYS, *CHOICE_KEYS})


@pytest.mark.parametrize("key", _used_header_keys())
def test_every_query_header_key_is_documented(key):
    assert f"| `{key}` |" in QUERIES_README


@pytest.mark.parametrize(("kind", "name"), [("parameter", t) for t in TRANSFORMS] + [("column", t) for t in COLUMN_TYPES])
def test_every_parameter_and_column_type_is_documented(kind, name):
    assert f"| `{name}` |" in QUERIES_README


@pytest.mark.parametrize(
    "choice_set", sorted({p.choices.set for q in all_questions().questions.values() for p in q.params if p.choices.set})
)
def test_every_choice_set_is_documented(choice_set):
    assert f"| `{choice_set}` |" in QUERIES_README


def test_the_readme_points_to_the_catalogue_manual():
    assert "queries/README.md" in README


@pytest.mark.parametrize("spec", PAGES, ids=lambda p: p.url_path)
def test_every_ui_page_is_documented(spec):
    assert f"| {text(spec.title_key, 'en')} |" in README
    assert spec is HOME or f"`/{spec.url_path}" in README


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
    # A script that imports the tests' harness runs as a module from the project root.
    assert f"python bench/{script}" in README or f"python -m bench.{script.removesuffix('.py')}" in README


def test_the_settings_scan_finds_something():
    assert "KB_SPARQL_ENDPOINT" in _settings()  # guards the regex above against silently matching nothing
