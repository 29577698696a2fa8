"""The reports' own texts (report/texts.yaml): a key per text, each in Latvian and English.
Kept apart from the UI's locales, so the reports sit below the UI and import nothing of it."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from core.yamltext import load_yaml

LANGUAGES = ("lv", "en")
TEXTS_FILE = Path(__file__).resolve().parent / "texts.yaml"


@cache
def texts() -> dict[str, dict[str, str]]:
    return load_yaml(TEXTS_FILE.read_text(encoding="utf-8"))


def text(key: str, lang: str, **values: object) -> str:
    template = texts()[key].get(lang) or texts()[key]["lv"]
    return template.format(**values) if values else template
