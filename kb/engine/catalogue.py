"""The query catalogue: one .rq file per question, grlc/BASIL style.

Headers (YAML after '#+ '): summary, tags, defaults, enumerate, and two of our own:
`transform` (how a typed value becomes an RDF term) and `optional` (parameters
that may be left empty). Parameters appear in the query as ?_name (literal) or
?_name_iri (IRI)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from core.errors import QueryError
from core.paths import QUERY_DIR

_PARAM = re.compile(r"\?_([A-Za-z][A-Za-z0-9]*?)(_iri)?\b")


@dataclass(frozen=True)
class Param:
    name: str
    variable: str  # '_article_iri'
    is_iri: bool
    default: str | None
    enumerate: str | list[str] | None
    transform: str
    optional: bool


@dataclass
class Question:
    id: str
    path: Path
    text: str
    summary: str
    tags: list[str]
    params: list[Param] = field(default_factory=list)

    @property
    def summary_lv(self) -> str:
        return _part(self.summary, "LV")

    @property
    def summary_en(self) -> str:
        return _part(self.summary, "EN")

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def _part(summary: str, lang: str) -> str:
    match = re.search(rf"{lang}:\s*(.*?)\s*(?:\||$)", summary)
    return match[1] if match else summary


def _pairs(items) -> dict:
    """grlc writes lists of one-key maps ('- article: 10 h)'); accept a plain map too."""
    if isinstance(items, dict):
        return items
    out: dict = {}
    for item in items or []:
        if isinstance(item, dict):
            out.update(item)
        else:
            out[str(item)] = None
    return out


def parse_question(path: Path) -> Question:
    text = path.read_text(encoding="utf-8")
    header = "\n".join(line[3:] for line in text.splitlines() if line.startswith("#+ "))
    meta = yaml.safe_load(header) or {}
    defaults = {k: None if v is None else str(v) for k, v in _pairs(meta.get("defaults")).items()}
    enumerations = _pairs(meta.get("enumerate"))
    transforms = _pairs(meta.get("transform"))
    optional = set(_pairs(meta.get("optional")))
    params, seen = [], set()
    for match in _PARAM.finditer(text):
        name, is_iri = match[1], bool(match[2])
        if name in seen:
            continue
        seen.add(name)
        params.append(
            Param(
                name=name,
                variable=f"_{name}{'_iri' if is_iri else ''}",
                is_iri=is_iri,
                default=defaults.get(name),
                enumerate=enumerations.get(name),
                transform=str(transforms.get(name) or ("iri" if is_iri else "literal")),
                optional=name in optional,
            )
        )
    return Question(path.stem, path, text, str(meta.get("summary") or ""), [str(t) for t in meta.get("tags") or []], params)


@dataclass
class Catalogue:
    questions: dict[str, Question]

    def __getitem__(self, question_id: str) -> Question:
        if question_id not in self.questions:
            known = ", ".join(sorted(self.questions))
            raise QueryError("unknown-question", f"no question {question_id!r}; known: {known}")
        return self.questions[question_id]

    def by_tag(self) -> dict[str, list[Question]]:
        tags: dict[str, list[Question]] = {}
        for question in self.questions.values():
            for tag in question.tags or ["other"]:
                tags.setdefault(tag, []).append(question)
        return dict(sorted(tags.items()))


def load_catalogue(directory: Path = QUERY_DIR) -> Catalogue:
    return Catalogue({q.id: q for q in (parse_question(p) for p in sorted(directory.glob("*.rq")))})
