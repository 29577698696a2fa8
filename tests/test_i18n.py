"""The UI's texts (ui/locales/*.yaml): every key in every language, in the same order, with the
same placeholders; every key used by the code and every key the code uses present.

A key counts as used when ui/ names it as a string literal in one of three places:
- the first argument of `t(...)` or `text(...)`;
- the argument of `N_(...)`, which marks keys kept in tables (pages, counters, examples);
- an argument for a parameter named `*_key` of a ui/ function (`page(title_key, ...)`,
  `entity_picker(url_name, label_key)`).
Keys built from data (`f"kind_{value}"`) are declared by prefix in ui.i18n.DYNAMIC_PREFIXES,
and the keys with each prefix must be exactly those the data calls for."""

from __future__ import annotations

import ast
from pathlib import Path
from string import Formatter

import pytest
import yaml

from core.errors import ErrorKind
from kb.engine.service import catalogue
from report import FORMATS, KINDS
from ui.components import TRANSLATED_MESSAGES
from ui.i18n import DEFAULT_LANGUAGE, DYNAMIC_PREFIXES, LANGUAGES, TEXTS, load_locale, locale_file

UI = Path(__file__).resolve().parent.parent / "ui"
TEXT_CALLS = {"t", "text"}
MARKER = "N_"


def _trees() -> dict[Path, ast.Module]:
    return {path: ast.parse(path.read_text(encoding="utf-8")) for path in sorted(UI.rglob("*.py"))}


TREES = _trees()


def _called(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _literal(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _key_parameters() -> dict[str, dict[int | str, str]]:
    """ui/ functions with parameters named *_key: function name -> {position and name: parameter}."""
    found: dict[str, dict[int | str, str]] = {}
    for tree in TREES.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                names = [a.arg for a in node.args.posonlyargs + node.args.args + node.args.kwonlyargs]
                keyed = {i: n for i, n in enumerate(names) if n.endswith("_key")}
                keyed |= {n: n for n in names if n.endswith("_key")}
                if keyed:
                    found.setdefault(node.name, {}).update(keyed)
    return found


def _text_calls() -> list[tuple[str, ast.Call, str]]:
    """(key, call, where) for every t("key", ...) / text("key", ...) call with a literal key."""
    calls = []
    for path, tree in TREES.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _called(node) in TEXT_CALLS and node.args and _literal(node.args[0]):
                calls.append((_literal(node.args[0]), node, f"{path.relative_to(UI.parent)}:{node.lineno}"))
    return calls


def used_keys() -> dict[str, str]:
    """Every key ui/ names (see the module docstring) -> where, for the messages."""
    keyed = _key_parameters()
    used = {key: where for key, _, where in _text_calls()}
    for path, tree in TREES.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name, where = _called(node), f"{path.relative_to(UI.parent)}:{node.lineno}"
            if name == MARKER and node.args and _literal(node.args[0]):
                used.setdefault(_literal(node.args[0]), where)
            for position, argument in [*enumerate(node.args), *((k.arg, k.value) for k in node.keywords)]:
                if position in keyed.get(name, {}) and _literal(argument):
                    used.setdefault(_literal(argument), where)
    return used


def expected_dynamic_keys() -> dict[str, set[str]]:
    """For each declared prefix, the keys the data calls for."""
    # Parameter names and the values they list come from the .rq headers, and the names of
    # amount kinds from the ontology, so no UI text family stands for them.
    questions = list(catalogue().questions.values())
    return {
        "error_kind_": {kind.ui_key for kind in ErrorKind},
        # what to do: every kind whose message comes from the engine (ui/components.py)
        "error_help_": {f"error_help_{kind}" for kind in ErrorKind if kind not in TRANSLATED_MESSAGES},
        "report_": {f"report_{kind}_{fmt}" for kind in (*KINDS, "factsheets") for fmt in FORMATS},
        "tag_": {f"tag_{tag}" for q in questions for tag in q.tags},
    }


def placeholders(template: str) -> list[tuple[str, str]]:
    """The `{name}` / `{name:spec}` fields of a template."""
    return sorted((name, spec or "") for _, name, spec, _ in Formatter().parse(template) if name is not None)


# ---------------------------------------------------------------- the locale files


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_locale_is_a_flat_map_of_texts_without_repeated_keys(lang):
    document = yaml.compose(locale_file(lang).read_text(encoding="utf-8"))
    keys = [key.value for key, _ in document.value]
    assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})
    for key, value in load_locale(lang).items():
        assert isinstance(value, str) and value.strip(), f"{lang}.yaml: {key} is not a text"


def test_every_key_is_in_every_language():
    keys = {lang: set(load_locale(lang)) for lang in LANGUAGES}
    for lang in LANGUAGES:
        for other in LANGUAGES:
            assert not keys[other] - keys[lang], f"missing in {lang}.yaml: {sorted(keys[other] - keys[lang])}"


def test_the_keys_are_in_the_same_order_in_every_language():
    order = list(load_locale(DEFAULT_LANGUAGE))
    for lang in LANGUAGES:
        assert list(load_locale(lang)) == order, f"{lang}.yaml: keys not in the order of {DEFAULT_LANGUAGE}.yaml"


def test_placeholders_are_the_same_in_every_language():
    differing = {
        key: {lang: placeholders(template) for lang, template in entry.items()}
        for key, entry in TEXTS.items()
        if len({tuple(placeholders(template)) for template in entry.values()}) > 1
    }
    assert not differing


# ---------------------------------------------------------------- the code and the keys


def test_every_key_the_code_names_exists():
    missing = {key: where for key, where in used_keys().items() if key not in TEXTS}
    assert not missing


def test_every_key_is_used_by_the_code():
    dynamic = tuple(DYNAMIC_PREFIXES)
    used = used_keys()
    unused = [key for key in TEXTS if key not in used and not key.startswith(dynamic)]
    assert not unused


def test_the_dynamic_prefixes_are_declared_in_one_place():
    assert set(expected_dynamic_keys()) == set(DYNAMIC_PREFIXES)


@pytest.mark.parametrize("prefix", DYNAMIC_PREFIXES)
def test_keys_built_from_data_are_exactly_the_expected_ones(prefix):
    keys = {key for key in TEXTS if key.startswith(prefix)}
    expected = expected_dynamic_keys()[prefix]
    assert keys == expected, f"missing: {sorted(expected - keys)}; not called for: {sorted(keys - expected)}"


def test_every_key_built_in_the_code_has_a_declared_prefix():
    """An f-string that starts like a text key (f"kind_{value}") builds keys: its prefix must be declared."""
    undeclared = {}
    for path, tree in TREES.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr) and node.values and _literal(node.values[0]):
                lead = _literal(node.values[0])
                if lead not in DYNAMIC_PREFIXES and any(key.startswith(lead) for key in TEXTS):
                    undeclared[f"{path.relative_to(UI.parent)}:{node.lineno}"] = lead
    assert not undeclared


def test_calls_fill_exactly_the_placeholders_of_their_text():
    wrong = {}
    for key, call, where in _text_calls():
        if key not in TEXTS or any(k.arg is None for k in call.keywords):  # unknown key: see above; **values: not checkable
            continue
        given = sorted(k.arg for k in call.keywords)
        wanted = sorted({name for name, _ in placeholders(TEXTS[key][DEFAULT_LANGUAGE])})
        if given != wanted:
            wrong[where] = (key, given, wanted)
    assert not wrong


def test_the_scan_finds_keys_in_each_kind_of_place():
    """Guards the scan above against silently finding nothing."""
    used = used_keys()
    assert {"no_results", "language"} <= set(used)  # t(...), text(...)
    assert {"page_home", "example_esf"} <= set(used)  # N_(...)
    assert {"path_from", "path_to"} <= set(used)  # entity_picker(url_name, label_key)
