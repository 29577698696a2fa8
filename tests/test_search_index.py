"""The text index: Latvian word forms, diacritics and case do not matter; titles rank first;
each hit says where it matched."""

from __future__ import annotations

import pytest

from kb.engine.search import DOCUMENTS_QUERY, TextIndex

HOUSING = {"4.18", "4.19", "4.20", "4.21", "4.22"}


@pytest.fixture(scope="module")
def index(embedded):
    rows = embedded.run(DOCUMENTS_QUERY).rows
    return TextIndex([{k: v["value"] for k, v in row.items()} for row in rows])


def measures(hits) -> set[str]:
    return {h.entity.rsplit("/", 1)[-1] for h in hits if "/measure/" in h.entity}


@pytest.mark.parametrize("text", ["mājoklis", "mājokļu", "mājokļiem", "MAJOKLU"])
def test_housing_word_forms_find_the_same_measures(index, text):
    assert measures(index.search(text)) >= HOUSING


def test_education_forms_agree(index):
    assert measures(index.search("izglītība")) == measures(index.search("izglītības")) != set()


def test_a_word_being_typed_matches_as_a_prefix(index):
    found = index.search("veselīb")
    assert "https://w3id.org/lv-roma-plan/id/org/VM" in {h.entity for h in found}
    assert len(measures(found)) >= 1


def test_title_matches_come_first_and_exact_words_before_prefixes(index):
    hits = index.search("ESF")
    assert hits[0].entity.endswith("/fund/ESF")
    titles = [h.in_title for h in hits]
    assert titles == sorted(titles, reverse=True)


def test_a_hit_shows_where_it_matched(index):
    hit = next(h for h in index.search("mājokļu") if h.entity.endswith("/measure/4.21"))
    assert "«" in hit.snippet and "»" in hit.snippet


def test_nothing_to_search_finds_nothing(index):
    assert index.search("") == [] and index.search("  !!! ") == []
    assert index.search("qwxzqwxz") == []
