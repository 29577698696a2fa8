"""Facts derived at build time from what the loaders read, stored so that questions read them
instead of computing them on every ask. Each property says in the ontology what it is derived
from (prov:wasDerivedFrom, rdfs:comment); SHACL checks its form, and a whole-graph check in
ontology/shapes.ttl (rsfs:WholeGraphCheck) that it agrees with its sources.

- rsf:programmeNotation: the notation of a budget line's programme (rsf:budgetProgramme /
  skos:notation), so a line's programme code is one lookup, not an optional path per line.
- rsf:measuresAddressing / rsf:measuresWithin: per Recommendation point, how many measures
  have a row that addresses the point itself / the point or a narrower one (rsf:withinPoint).
- rsf:areaNotation / rsf:pointOrder: per Recommendation point, its area's notation (rsf:area /
  skos:notation) and its place in the Recommendation's order, so that a question listing
  points reads one value for each and sorts by one integer."""

from __future__ import annotations

from collections import defaultdict

from rdflib import Graph, Literal
from rdflib.namespace import RDF, SKOS, XSD

from core.namespaces import RSF
from core.notation.articles import PointRef


def add_derived_facts(graph: Graph) -> None:
    add_programme_notations(graph)
    add_measure_counts(graph)
    add_point_places(graph)


def add_programme_notations(graph: Graph) -> None:
    for line in list(graph.subjects(RDF.type, RSF.BudgetLine)):
        for programme in list(graph.objects(line, RSF.budgetProgramme)):
            for notation in list(graph.objects(programme, SKOS.notation)):
                graph.add((line, RSF.programmeNotation, Literal(str(notation))))


def add_measure_counts(graph: Graph) -> None:
    """Both counts on every point of the Recommendation, 0 for a point no measure addresses."""
    addressing: dict = defaultdict(set)
    within: dict = defaultdict(set)
    for row, point in graph.subject_objects(RSF.addressesPoint):
        measures = set(graph.objects(row, RSF.rowOf))
        addressing[point] |= measures
        for enclosing in graph.objects(point, RSF.withinPoint):
            within[enclosing] |= measures
    for point in list(graph.subjects(RDF.type, RSF.RecommendationPoint)):
        graph.add((point, RSF.measuresAddressing, Literal(len(addressing[point]), datatype=XSD.integer)))
        graph.add((point, RSF.measuresWithin, Literal(len(within[point]), datatype=XSD.integer)))


def add_point_places(graph: Graph) -> None:
    """Each point's area notation and its place (1, 2, …) in the order of PointRef, the one
    the loader lists the points in: number, letter, then sub-item as a Roman numeral."""
    points = list(graph.subjects(RDF.type, RSF.RecommendationPoint))
    for point in points:
        for area in list(graph.objects(point, RSF.area)):
            for notation in list(graph.objects(area, SKOS.notation)):
                graph.add((point, RSF.areaNotation, Literal(str(notation))))
    places = sorted(points, key=lambda point: _point_ref(graph, point))
    for place, point in enumerate(places, start=1):
        graph.add((point, RSF.pointOrder, Literal(place, datatype=XSD.integer)))


def _point_ref(graph: Graph, point) -> PointRef:
    letter, sub = graph.value(point, RSF.pointLetter), graph.value(point, RSF.pointSubItem)
    return PointRef(int(graph.value(point, RSF.pointNumber)), letter and str(letter), sub and str(sub))
