"""IRIs of the KB. Entity IRIs are readable and stable: …/id/measure/4.21,
…/id/recommendation/10h, …/id/org/KM, …/id/fund/ESF."""

from __future__ import annotations

from urllib.parse import quote

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, QB, RDF, RDFS, SKOS, XSD

BASE = "https://w3id.org/lv-roma-plan/"
RSF = Namespace(BASE + "def#")
ID = Namespace(BASE + "id/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
SH = Namespace("http://www.w3.org/ns/shacl#")
RSFS = Namespace(BASE + "shapes#")  # the project's shapes (ontology/shapes.ttl)
PRES = Namespace(BASE + "presentation#")  # how terms are shown (ontology/presentation.ttl)

PREFIXES: dict[str, Namespace | str] = {
    "rsf": RSF,
    "pres": PRES,
    "id": ID,
    "skos": SKOS,
    "org": ORG,
    "dcterms": DCTERMS,
    "eli": ELI,
    "prov": PROV,
    "qb": QB,
    "foaf": FOAF,
    "rdfs": RDFS,
    "rdf": RDF,
    "xsd": XSD,
    "owl": OWL,
}

# For Turtle written by pyoxigraph: `id:` is left out, since entity IRIs (…/id/measure/4.21)
# would need escaped local names (id:measure\/4.21).
TURTLE_PREFIXES = {name: str(namespace) for name, namespace in PREFIXES.items() if name != "id"}

RECOMMENDATION_SCHEME = ID["recommendation"]
FUND_SCHEME = ID["funds"]


def _segment(value: str) -> str:
    return quote(value, safe=".-_+~")


def measure_iri(number: str):
    return ID[f"measure/{_segment(number.rstrip('.'))}"]


def row_iri(number: str, row: int):
    return ID[f"measure/{_segment(number.rstrip('.'))}/row/{row}"]


def point_iri(point_id: str):
    return ID[f"recommendation/{_segment(point_id)}"]


def org_iri(org_id: str):
    return ID[f"org/{_segment(org_id)}"]


def fund_iri(code: str):
    return ID[f"fund/{_segment(code)}"]


def document_iri(code: str):
    return ID[f"document/{_segment(code)}"]


def provision_iri(code: str, number: str):
    return ID[f"document/{_segment(code)}/provision/{_segment(number)}"]


def sector_iri(code: str):
    return ID[f"sector/{_segment(code)}"]


def programme_iri(sector: str, code: str):
    return ID[f"programme/{_segment(sector)}-{_segment(code)}"]


def dataset_iri(table: str):
    return ID[f"dataset/{_segment(table)}"]


def footnote_iri(number: int):
    return ID[f"footnote/{number}"]


def plan_iri(plan_id: str):
    return ID[f"plan/{_segment(plan_id)}"]


def short_id(iri) -> str:
    """'https://w3id.org/lv-roma-plan/id/measure/4.21' -> 'measure/4.21' (URLs, CSV cells); other IRIs unchanged."""
    text = str(iri)
    return text[len(str(ID)) :] if text.startswith(str(ID)) else text


def full_iri(short: str) -> str:
    return short if short.startswith(("http://", "https://")) else str(ID) + short


def local_name(iri) -> str:
    """The last segment after '#' or '/': 'measure/4.21' -> '4.21', 'rsf#fundedBy' -> 'fundedBy'."""
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def bind_prefixes(graph) -> None:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
