"""A light stemmer for Latvian, so that search finds 'mājoklis', 'mājokļu' and 'mājokļiem'
alike. There is no Snowball stemmer for Latvian; these are the published rules of the light
stemmer in Apache Lucene (org.apache.lucene.analysis.lv.LatvianStemmer, after K. Kreslins'
thesis "A stemming algorithm for Latvian"): strip one noun or adjective ending, if enough
vowels and letters stay, and undo the palatalisation that some endings cause (mājokļu →
mājokl-). Written here from the rules, as data; tests/test_stemming.py pins them with a table.

Stems are for matching only: they are compared after `core.textfold.fold`, never shown."""

from __future__ import annotations

import re
from typing import NamedTuple

from core.textfold import fold


class Ending(NamedTuple):
    text: str
    vowels: int  # the word must have more vowels than this
    palatalises: bool  # the stem before it may end in a palatalised consonant


# Longest first where one ending contains another; the first that fits is removed.
ENDINGS: tuple[Ending, ...] = tuple(
    Ending(text, vowels, palatalises)
    for text, vowels, palatalises in (
        ("ajiem", 3, False), ("ajai", 3, False), ("ajam", 2, False), ("ajām", 2, False), ("ajos", 2, False),
        ("ajās", 2, False), ("iem", 2, True), ("ajā", 2, False), ("ais", 2, False), ("ai", 2, False),
        ("ei", 2, False), ("ām", 1, False), ("am", 1, False), ("ēm", 1, False), ("īm", 1, False),
        ("im", 1, False), ("um", 1, False), ("us", 1, True), ("as", 1, False), ("ās", 1, False),
        ("es", 1, False), ("os", 1, True), ("ij", 1, False), ("īs", 1, False), ("ēs", 1, False),
        ("is", 1, False), ("ie", 1, False), ("u", 1, True), ("a", 1, True), ("i", 1, True),
        ("e", 1, False), ("ā", 1, False), ("ē", 1, False), ("ī", 1, False), ("ū", 1, False),
        ("o", 1, False), ("s", 0, False), ("š", 0, False),
    )
)  # fmt: skip
VOWELS = frozenset("aāeēiīouū")
MIN_STEM = 3
# Palatalised consonant pairs at the end of a stem and what they were.
_PAIRS = (("šņ", "sn"), ("žņ", "zn"), ("šļ", "sl"), ("žļ", "zl"), ("ļņ", "ln"), ("ļļ", "ll"))
_SINGLES = {"č": "c", "ļ": "l", "ņ": "n"}
_LABIAL_J = ("pj", "bj", "mj", "vj")


def stem(word: str) -> str:
    """The stem of one lower-case word ('mājokļiem' → 'mājokl')."""
    vowels = sum(1 for c in word if c in VOWELS)
    for ending in ENDINGS:
        if vowels > ending.vowels and len(word) >= len(ending.text) + MIN_STEM and word.endswith(ending.text):
            base = word[: -len(ending.text)]
            return _unpalatalise(base, ending.text[0]) if ending.palatalises else base
    return word


def _unpalatalise(base: str, removed: str) -> str:
    if removed == "u":  # genitive plural of declensions II, V and VI
        if base.endswith("kš"):
            return base[:-1] + "st"
        if base.endswith("ņņ"):
            return base[:-2] + "nn"
    if base.endswith(_LABIAL_J):
        return base[:-1]
    for palatal, plain in _PAIRS:
        if base.endswith(palatal):
            return base[:-2] + plain
    if base and base[-1] in _SINGLES:
        return base[:-1] + _SINGLES[base[-1]]
    return base


_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def search_keys(text: str) -> list[str]:
    """Each word's stem, folded (lower case, no diacritics): what the index stores and queries."""
    return [fold(stem(word)) for word in words(text)]
