"""What the content loaders look names up in: institutions, documents, sectors,
funds and the Recommendation's points. Unknown names are errors, not new nodes."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef

from core.notation import PointRef
from core.vocabulary import Vocabulary


@dataclass
class Context:
    plan: URIRef
    vocabulary: Vocabulary = field(default_factory=lambda: Vocabulary({}))  # the ontology's terms (amount kinds…)
    institutions: dict[str, str] = field(default_factory=dict)  # lower-cased name or abbreviation -> id
    documents: dict[str, list[str]] = field(default_factory=dict)  # code -> spellings
    document_titles: dict[str, tuple[str, str]] = field(default_factory=dict)
    sectors: dict[str, str] = field(default_factory=dict)  # code -> Latvian name
    funds: set[str] = field(default_factory=set)
    points: set[PointRef] = field(default_factory=set)
    footnotes: set[int] = field(default_factory=set)
    measures: set[str] = field(default_factory=set)  # numbers like '4.21'

    def institution(self, name: str) -> str | None:
        return self.institutions.get(name.strip().lower())
