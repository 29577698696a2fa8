"""Counts per class, for `python -m kb stats` and the UI's overview."""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import RDF, RDFS

from core.namespaces import RSF

MAIN_CLASSES = (
    RSF.Measure,
    RSF.MeasureRow,
    RSF.RecommendationPoint,
    RSF.Institution,
    RSF.PolicyDocument,
    RSF.Provision,
    RSF.Fund,
    RSF.FundingAttribution,
    RSF.BudgetAllocation,
    RSF.BudgetLine,
    RSF.PrintedTotal,
    RSF.PlanIndicator,
    RSF.Footnote,
    RSF.MinistryDocument,
)


def class_counts(graph: Graph) -> list[tuple[str, str, int]]:
    """(class IRI, English label, instance count) for every class with instances in the RSF namespace."""
    counts: dict = {}
    for subject, cls in graph.subject_objects(RDF.type):
        if str(cls).startswith(str(RSF)):
            counts.setdefault(cls, set()).add(subject)
    # InstitutionGroup instances count as institutions too (subclass).
    counts.setdefault(RSF.Institution, set()).update(counts.get(RSF.InstitutionGroup, set()))
    rows = []
    for cls, members in counts.items():
        label = next((str(l) for l in graph.objects(cls, RDFS.label) if getattr(l, "language", None) == "en"), str(cls))
        rows.append((str(cls), label, len(members)))
    return sorted(rows, key=lambda r: (-r[2], r[1]))
