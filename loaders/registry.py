"""The registry of source files: which loader reads which file, in order.

Reference tables come first because the measure and budget loaders look names up in them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from core.namespaces import bind_prefixes
from core.ontology import load_ontology
from core.paths import ONTOLOGY_DIR, SOURCE_DIR
from core.textfold import add_search_keys
from core.vocabulary import Vocabulary
from loaders import budget, funding, plan_facts, plan_table, reference
from loaders.base import read_table
from loaders.context import Context
from loaders.derived import add_derived_facts


@dataclass(frozen=True)
class Source:
    filename: str
    load: Callable[[Graph, Path, str, Context], None]
    description: str


def _english_titles(directory: Path) -> dict[str, str]:
    path = directory / "measures_en.csv"
    if not path.exists():
        return {}
    rows = read_table(path, ["N.p.k.", "Measure (EN)"], _display(path))
    return {row.get("N.p.k.").rstrip("."): row.get("Measure (EN)") for row in rows}


def _measures(graph: Graph, path: Path, name: str, ctx: Context) -> None:
    plan_table.load_plan_table(graph, path, name, ctx, _english_titles(path.parent))


SOURCES: tuple[Source, ...] = (
    Source("institutions.csv", reference.load_institutions, "Institutions from the abbreviation list"),
    Source("sectors.csv", reference.load_sectors, "Budget sectors"),
    Source("funds.csv", reference.load_funds, "Funding sources"),
    Source("documents.yaml", reference.load_documents, "Policy documents and laws"),
    Source("recommendation.csv", reference.load_recommendation_points, "Points of the Recommendation"),
    Source("footnotes.csv", reference.load_footnotes, "Footnotes of the plan"),
    Source("indicators.csv", reference.load_indicators, "Plan result indicators"),
    Source("ministry_documents.csv", reference.load_ministry_documents, "Ministry documents page"),
    Source("measures.csv", _measures, "Measures table (chapter IV)"),
    Source("budget_table1.csv", lambda g, p, n, c: budget.load_budget_table(g, p, n, budget.TABLE1, c), "Chapter V table 1"),
    Source("budget_table2.csv", lambda g, p, n, c: budget.load_budget_table(g, p, n, budget.TABLE2, c), "Chapter V table 2"),
    Source(
        "budget_annex_2021.csv", lambda g, p, n, c: budget.load_budget_table(g, p, n, budget.ANNEX, c), "Annex: 2021 spending"
    ),
    Source("budget_printed_totals.csv", budget.load_printed_totals, "Totals printed in the plan"),
    Source("funding.csv", funding.load_funding, "Funding sources per measure"),
    # What the plan says beyond its table columns; these look measures, rows and budget lines up.
    Source("footnote_readings.csv", plan_facts.load_footnote_readings, "Footnotes on money: not secured, Roma share"),
    Source("horizons.csv", plan_facts.load_horizons, "Implementation end or not time-limited"),
    Source("targets.csv", plan_facts.load_targets, "Quantified targets"),
    Source("calculations.csv", plan_facts.load_calculations, "Chapter V table 2 calculations as factors"),
    Source("measure_domains.csv", plan_facts.load_measure_domains, "Policy domains of the measures"),
    Source("footnote_citations.csv", plan_facts.load_footnote_citations, "Document links made only in footnotes"),
    Source("measure_titles.csv", plan_facts.load_measure_titles, "Measure titles as printed in chapter V"),
    Source("quotations.csv", plan_facts.load_quotations, "Recommendation words quoted in footnotes"),
    Source("statistics.csv", plan_facts.load_statistics, "Figures of chapter III"),
)


REFERENCE_SOURCES = SOURCES[: [s.filename for s in SOURCES].index("measures.csv")]  # everything before the measures table


def load_reference(directory: Path = SOURCE_DIR, ontology_dir: Path = ONTOLOGY_DIR) -> tuple[Graph, Context]:
    """The ontology and the reference tables, ready for a measures table from elsewhere; once
    the tables are in, `complete(graph)` adds what the build derives from them."""
    graph, ctx = _start(directory, ontology_dir)
    for source in REFERENCE_SOURCES:
        path = directory / source.filename
        source.load(graph, path, _display(path), ctx)
    return graph, ctx


def load_all(directory: Path = SOURCE_DIR, ontology_dir: Path = ONTOLOGY_DIR) -> Graph:
    """Load every source into one graph; the first broken row stops the build."""
    graph, ctx = _start(directory, ontology_dir)
    for source in SOURCES:
        path = directory / source.filename
        source.load(graph, path, _display(path), ctx)
    complete(graph)
    return graph


def complete(graph: Graph) -> None:
    """What the build derives once every table is loaded: counts and codes stored for the
    questions (loaders/derived.py) and the search keys."""
    add_derived_facts(graph)
    add_search_keys(graph)


def _start(directory: Path, ontology_dir: Path) -> tuple[Graph, Context]:
    # The ontology travels with the data: labels of classes and the controlled values
    # (kinds of amount, funding statuses) are part of the KB.
    ontology = load_ontology(ontology_dir)
    graph = Graph()
    graph += ontology
    bind_prefixes(graph)
    ctx = reference.load_plan(graph, directory / "plan.yaml", _display(directory / "plan.yaml"))
    ctx.vocabulary = Vocabulary.from_graph(ontology)
    return graph, ctx


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
