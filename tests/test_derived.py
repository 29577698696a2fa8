"""Facts the build derives for Recommendation points (loaders/derived.py), on a small graph
whose points the plan does not have: sub-items whose Roman order is not their string order."""

from __future__ import annotations

from rdflib import Graph, Literal
from rdflib.namespace import RDF, SKOS

from core.namespaces import RSF, point_iri
from core.notation.articles import PointRef
from loaders.derived import add_point_places

POINTS = [PointRef(10), PointRef(9, "a", "ix"), PointRef(9), PointRef(9, "a", "v"), PointRef(9, "b"), PointRef(9, "a")]


def _graph() -> Graph:
    graph = Graph()
    for point in POINTS:
        iri = point_iri(point.id)
        graph.add((iri, RDF.type, RSF.RecommendationPoint))
        graph.add((iri, SKOS.notation, Literal(point.notation)))
        graph.add((iri, RSF.pointNumber, Literal(point.number)))
        graph.add((iri, RSF.area, point_iri(PointRef(point.number).id)))
        if point.letter:
            graph.add((iri, RSF.pointLetter, Literal(point.letter)))
        if point.sub:
            graph.add((iri, RSF.pointSubItem, Literal(point.sub)))
    add_point_places(graph)
    return graph


def _by_notation(graph: Graph, prop) -> dict[str, str]:
    points = graph.subjects(RDF.type, RSF.RecommendationPoint)
    return {str(graph.value(p, SKOS.notation)): str(graph.value(p, prop)) for p in points}


def test_places_follow_the_recommendation_s_order_with_roman_sub_items():
    place = {notation: int(value) for notation, value in _by_notation(_graph(), RSF.pointOrder).items()}
    assert sorted(place, key=place.get) == ["9.", "9 a)", "9 a) v)", "9 a) ix)", "9 b)", "10."]
    assert sorted(place.values()) == [1, 2, 3, 4, 5, 6]


def test_each_point_carries_its_area_s_notation():
    area = _by_notation(_graph(), RSF.areaNotation)
    assert area == {"9.": "9.", "9 a)": "9.", "9 a) v)": "9.", "9 a) ix)": "9.", "9 b)": "9.", "10.": "10."}
