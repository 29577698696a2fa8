"""Every text the UI shows, in Latvian and English: one file per language in ui/locales/
(flat `key: text` maps, keys in the same order, `{name}` placeholders), ready for a
translator. Loaded into one `TEXTS` table. tests/test_i18n.py fails on a key missing in one
language, a key no code uses, and placeholders that differ between the languages."""

from __future__ import annotations

from pathlib import Path

from core.yamltext import load_yaml

LANGUAGES = {"lv": "Latviešu", "en": "English"}
DEFAULT_LANGUAGE = "lv"
LOCALES = Path(__file__).resolve().parent / "locales"

# Keys the code builds from data instead of writing them out, and where the rest of the key
# comes from. tests/test_i18n.py checks that the keys with each prefix are exactly those.
DYNAMIC_PREFIXES = {
    "error_kind_": "core.errors.ErrorKind: each kind's ui_key",
    "error_help_": "core.errors.ErrorKind: what to do about each kind (ui/components.show_error)",
    "report_": "report.KINDS × report.FORMATS, and all factsheets (ui/components.report_downloads)",
    "tag_": "the catalogue's tags",
}


def locale_file(lang: str) -> Path:
    return LOCALES / f"{lang}.yaml"


def load_locale(lang: str) -> dict[str, str]:
    """One language's texts, in the file's order (core.yamltext)."""
    return load_yaml(locale_file(lang).read_text(encoding="utf-8")) or {}


def load_texts() -> dict[str, dict[str, str]]:
    """key -> {language: text}, keys in the default language's order (then any only elsewhere)."""
    locales = {lang: load_locale(lang) for lang in LANGUAGES}
    keys = dict.fromkeys(key for lang in [DEFAULT_LANGUAGE, *LANGUAGES] for key in locales[lang])
    return {key: {lang: locales[lang][key] for lang in LANGUAGES if key in locales[lang]} for key in keys}


TEXTS: dict[str, dict[str, str]] = load_texts()


def N_(key: str) -> str:
    """Marks a text key kept in a table and translated later, once the language is known (gettext's N_)."""
    return key


def text(key: str, lang: str, **values) -> str:
    entry = TEXTS[key]
    template = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return template.format(**values) if values else template
