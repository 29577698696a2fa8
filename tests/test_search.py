"""Search built with the KB and shared by all: one text index per store, built through the
store (page by page, whatever its row cap); the catalogue's `search` question, `python -m kb
search` and the index rank alike; Latvian word forms find the same measures."""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path

import pytest

from core.textfold import fold
from core.vocabulary import ontology_vocabulary
from kb.engine.results import Result
from kb.engine.search import DOCUMENTS_BATCH, TextIndex, documents, text_index
from kb.engine.service import ask
from kb.engine.stores import EmbeddedStore
from tests.cli import run_kb

# bench/search.py's plain scan, the baseline the index is measured against. bench/ is on the
# path only for this import: it holds a ui.py that would hide the ui package from other tests.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
try:
    from search import scan
finally:
    sys.path.pop(0)

ID = "https://w3id.org/lv-roma-plan/id/"
RSF = "https://w3id.org/lv-roma-plan/def#"
HOUSING = {"4.18", "4.19", "4.20", "4.21", "4.22"}
SAME_RANKING = ["mājokļu", "izglītības", "ESF", "veselīb", "10 h"]


def measures(entities: list[str]) -> set[str]:
    return {e.rsplit("/", 1)[-1] for e in entities if e.startswith(f"{ID}measure/")}


def asked(store, text: str) -> list[str]:
    return ask(store, "search", {"text": text}).values("entity")


# ---------------------------------------------------------------- built with the KB, once per store


def test_one_index_per_store_built_once(embedded):
    found: list[TextIndex] = []
    threads = [threading.Thread(target=lambda: found.append(text_index(embedded))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(found) == 4 and all(index is found[0] for index in found) and text_index(embedded) is found[0]
    assert len(found[0]) > 300  # measures, footnotes, institutions, funds, points, documents, …


class CuttingEndpoint:
    """A store that cuts every answer at `cut` rows without saying so (as some endpoints do)."""

    def __init__(self, store, cut: int):
        self.store, self.cut, self.calls = store, cut, 0
        self.row_cap, self.timeout = store.row_cap, store.timeout

    def run(self, query: str, bindings=None, **options) -> Result:
        self.calls += 1
        result = self.store.run(query, bindings, **options)
        return Result(result.variables, result.rows[: self.cut])

    def close(self) -> None:
        pass


def test_documents_are_read_page_by_page_whatever_the_store_cuts(embedded):
    whole = documents(embedded)
    cutting = CuttingEndpoint(embedded, 500)
    assert documents(cutting) == whole and len(whole) > 1000
    entities = len({row["entity"] for row in whole})
    assert entities <= DOCUMENTS_BATCH  # one batch of texts at the seed's size
    # For the entities, then for the batch's texts: full pages, the last short one, the empty one.
    assert cutting.calls == (entities // 500 + 2) + (len(whole) // 500 + 2)
    assert asked(cutting, "romu") == asked(embedded, "romu")


def test_a_small_row_cap_still_indexes_everything(built, embedded):
    small = EmbeddedStore(built[1] / "kb.ttl", row_cap=90)
    try:
        assert documents(small) == documents(embedded)
        answer = ask(small, "search", {"text": "romu"})  # 98 hits: the question's answer keeps the cap
        assert answer.truncated and answer.values("entity") == asked(embedded, "romu")[:90]
    finally:
        small.close()


# ---------------------------------------------------------------- one ranking for everyone


def test_a_cut_ranking_is_the_start_of_the_whole_ranking(embedded):
    """SQLite orders and cuts: title matches first (whole title, then an exact word, then a
    prefix), then BM25, then the IRI; the top 10 are the first 10 of the whole ranking."""
    index = text_index(embedded)
    for text in ["romu", "a", "ESF", "izglītības", "10 h"]:
        every = index.search(text, 10_000)
        assert [h.entity for h in index.search(text, 10)] == [h.entity for h in every[:10]]
        keys = [(not h.in_title, not h.whole, not h.exact, h.score, h.entity) for h in every]
        assert keys == sorted(keys), text
        assert len(every) > 10


@pytest.mark.parametrize("text", SAME_RANKING)
def test_the_question_the_cli_and_the_index_rank_alike(built, embedded, text):
    kb = str(built[1] / "kb.ttl")
    index = [h.entity for h in text_index(embedded).search(text, 200)]
    cli = run_kb("search", text, "--kb", kb, "--limit", "200", "--format", "json")
    assert cli.returncode == 0, cli.stderr
    via_ask = run_kb("ask", "search", "--param", f"text={text}", "--kb", kb, "--format", "json")
    assert via_ask.returncode == 0, via_ask.stderr
    ask_rows = json.loads(via_ask.stdout)["results"]["bindings"]
    assert index and asked(embedded, text) == index
    assert [row["entity"] for row in json.loads(cli.stdout)] == index
    assert [row["entity"]["value"] for row in ask_rows] == index


def test_the_question_answers_as_a_catalogue_result(embedded):
    result = ask(embedded, "search", {"text": "Profesionālās izglītības iestādes"})
    assert result.variables == ["entity", "label", "class", "where", "snippet"]
    first = result.rows[0]
    assert first["entity"] == {"type": "uri", "value": f"{ID}org/PII"}
    assert first["class"] == {"type": "uri", "value": f"{RSF}InstitutionGroup"}  # not the broader rsf:Institution
    assert first["label"] == {"type": "literal", "value": "Profesionālās izglītības iestādes", "xml:lang": "lv"}
    assert first["where"]["value"] == "title" and first["snippet"]["value"].startswith("«Profesionālās» «izglītības»")
    assert {row["where"]["value"] for row in result.rows} <= {"title", "body"}
    assert len(result.rows) <= 200 and not result.truncated


def test_the_cli_shows_rank_kind_label_and_snippet(built):
    done = run_kb("search", "mājokļu", "--kb", str(built[1] / "kb.ttl"), "--limit", "3")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    measure = ontology_vocabulary().label(f"{RSF}Measure", "lv")
    assert len(lines) == 3 and lines[0].split()[0] == "1" and all(measure in line and "«" in line for line in lines)
    english = run_kb("search", "mājokļu", "--kb", str(built[1] / "kb.ttl"), "--lang", "en", "--format", "csv")
    header, first = english.stdout.splitlines()[:2]
    assert header == "rank,kind,label,snippet,where,entity,class"
    assert first.startswith(f"1,{ontology_vocabulary().label(f'{RSF}Measure', 'en')},")


def test_the_cli_says_when_nothing_matches(built):
    done = run_kb("search", "qwxzqwxz", "--kb", str(built[1] / "kb.ttl"))
    assert done.returncode == 0 and done.stdout.strip() == "(no match)"


# ---------------------------------------------------------------- Latvian word forms


@pytest.mark.parametrize("text", ["mājoklis", "mājokļiem", "MAJOKLU", "majoklis"])
def test_housing_forms_find_the_same_measures(embedded, text):
    assert measures(asked(embedded, text)) == measures(asked(embedded, "mājokļu")) == HOUSING


def test_education_forms_find_the_same_measures(embedded):
    found = measures(asked(embedded, "izglītība"))
    assert found == measures(asked(embedded, "izglītības")) == measures(asked(embedded, "izglitibu"))
    assert found >= {"4.10", "4.11", "4.12", "4.13", "4.14", "4.15"}


def test_a_word_cut_short_finds_what_mentions_it_anywhere(embedded):
    """'veselīb' (health): the old label search found 4 entities of the plan; the index also
    finds the footnotes that mention health in their text. Measure 4.17 is the only measure
    whose text says 'veselīb…' anywhere (title, result, indicator), so it is the one measure."""
    found = asked(embedded, "veselīb")
    assert measures(found) == {"4.17"}
    assert {f"{ID}footnote/10", f"{ID}footnote/21", f"{ID}footnote/110"} <= set(found)
    assert len(found) > 4


@pytest.mark.parametrize("text", ["mājokļu", "izglītības", "veselīb", "Tiesībsargs", "ESF"])
def test_the_index_finds_what_a_plain_scan_finds(embedded, text):
    """The index against the benchmark's baseline: every text stemmed and prefix-matched."""
    assert set(asked(embedded, text)) == scan(documents(embedded), text)


def test_snippets_mark_the_matching_words(embedded):
    result = ask(embedded, "search", {"text": "mājokļiem"})
    for snippet in result.values("snippet"):
        marked = snippet.split("«", 1)[1].split("»", 1)[0]
        assert "majok" in fold(marked), snippet


def test_texts_are_read_in_batches_of_entities_in_one_sorted_order(embedded, monkeypatch):
    import kb.engine.search

    whole = documents(embedded)
    monkeypatch.setattr(kb.engine.search, "DOCUMENTS_BATCH", 7)  # many batches, some entities split from their class
    assert documents(embedded) == whole


def test_a_snippet_says_the_language_of_the_text_it_is_from():
    """A body text tagged @en (a note of the transcription) gives its snippet's language; a
    Latvian text gives "lv", a text without a tag ""."""
    index = TextIndex(
        [
            {"entity": "x:1", "class": "x:C", "field": "label", "lang": "lv", "text": "Pasākums"},
            {"entity": "x:1", "class": "x:C", "field": "body", "lang": "en", "text": "Domain read from page 21"},
            {"entity": "x:2", "class": "x:C", "field": "label", "lang": "lv", "text": "Cits"},
            {"entity": "x:2", "class": "x:C", "field": "body", "lang": "lv", "text": "Lappuse 21 plānā"},
            {"entity": "x:3", "class": "x:C", "field": "label", "lang": "", "text": "Trešais"},
            {"entity": "x:3", "class": "x:C", "field": "body", "lang": "", "text": "21.jūnijā"},
        ]
    )
    languages = {hit.entity: hit.snippet_lang for hit in index.search("21")}
    assert languages == {"x:1": "en", "x:2": "lv", "x:3": ""}
