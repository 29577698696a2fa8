"""The query catalogue: one .rq file per question, grlc/BASIL style.

The YAML header (lines starting '#+ ') is the question's whole, typed contract: a title
and description per language, each parameter's label, type, choices, default and
whether it is optional, and each result column's label and type. queries/README.md
documents every key; an unknown key, type or choice set is an error when the catalogue
is loaded, not when somebody asks the question.

Two folders hold questions: queries/ (the public catalogue, source "catalogue") and
ui/queries/ (the UI's views and choice sets, source "ui"). Ids are the file names and
are unique across both. Parameters appear in the query as ?_name (literal) or
?_name_iri (IRI); they are found after comments, strings and IRIs are blanked out."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib.term import Node

from core.errors import CatalogueError, NotationError, QueryError
from core.paths import QUERY_DIR, VIEW_QUERY_DIR
from core.yamltext import YAMLError, load_yaml
from kb.engine.params import IRI_TYPES, TRANSFORMS
from kb.engine.prefixes import blank_literals

LANGUAGES = ("lv", "en")
SOURCES: dict[str, Path] = {"catalogue": QUERY_DIR, "ui": VIEW_QUERY_DIR}
FREE = "free"
# The keys a header may use, per level. queries/README.md documents each (tests/test_docs.py).
QUESTION_KEYS = ("title", "description", "tags", "answer", "params", "columns")
PARAM_KEYS = ("label", "type", "choices", "default", "optional")
COLUMN_KEYS = ("label", "type")
CHOICE_KEYS = ("value", "label")
# Who answers a question: its SPARQL, run on the store (the default), or the text index built
# from the KB (kb/engine/search.py), whose answer has these columns and takes the text to find.
ANSWERS: dict[str, str] = {
    "sparql": "the query, run on the store",
    "text-index": "the text index built from the KB (kb/engine/search.py); the query is the fallback that runs elsewhere",
}
INDEX_COLUMNS = ("entity", "label", "class", "where", "snippet")
INDEX_PARAM = "text"
# A choice set is a question answering these three columns, one row per choice.
CHOICE_SET_COLUMNS = ("value", "label_lv", "label_en")
# What a result column holds. Code asks a question for its columns by type
# (question.column_of("measure-number")) instead of relying on variable names.
COLUMN_TYPES: dict[str, str] = {
    "measure": "a measure's IRI",
    "measure-number": "a measure's number, such as 4.21",
    "point": "a Recommendation point's notation, such as 10 h)",
    "entity": "the IRI of another thing in the KB (a detail page)",
    "iri": "an IRI that is not a thing of the plan (a property, a class, an amount kind)",
    "term": "an IRI or a literal",
    "code": "a short code, notation or abbreviation (ESF, NAP2027, KM, 08)",
    "label": "a name in one language",
    "text": "other text (a deadline as written, a funding detail, a unit)",
    "amount": "money in euro",
    "count": "a number of things",
    "number": "another number (an indicator value, a row number)",
    "year": "a year",
    "date": "a date, YYYY-MM-DD",
    "page": "a page (or pages) of the plan",
    "boolean": "true or false",
}

_PARAM = re.compile(r"[?$]_(\w+)")


def parameter_variables(text: str) -> list[str]:
    """The ?_name / ?_name_iri variables of a query, in order of first use, without '?'."""
    found: list[str] = []
    for match in _PARAM.finditer(blank_literals(text)):
        if f"_{match[1]}" not in found:
            found.append(f"_{match[1]}")
    return found


def projection(text: str) -> list[str] | None:
    """The variables a SELECT query returns, in order; None for SELECT * or another form."""
    blank = blank_literals(text)
    # WHERE, not a variable named ?where
    select = re.search(r"\bSELECT\b(?:\s+(?:DISTINCT|REDUCED)\b)?(.*?)(?:(?<![?$])\bWHERE\b|\{)", blank, re.I | re.S)
    if not select:
        return None
    variables, depth = [], 0
    for token in re.finditer(r"\(|\)|\bAS\s+[?$](\w+)|[?$](\w+)|\*", select[1], re.I):
        if token[0] == "(":
            depth += 1
        elif token[0] == ")":
            depth -= 1
        elif token[0] == "*" and depth == 0:
            return None
        elif token[1]:
            variables.append(token[1])
        elif token[2] and depth == 0:
            variables.append(token[2])
    return variables


@dataclass(frozen=True)
class Text:
    """The same text in each language."""

    lv: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.lv

    def to_dict(self) -> dict[str, str]:
        return {"lv": self.lv, "en": self.en}


@dataclass(frozen=True)
class Choice:
    value: str
    label_lv: str
    label_en: str

    def label(self, lang: str) -> str:
        name = self.label_en if lang == "en" else self.label_lv
        return self.value if not name or name == self.value else f"{self.value} · {name}"

    def to_dict(self) -> dict:
        return {"value": self.value, "label": {"lv": self.label_lv, "en": self.label_en}}


@dataclass(frozen=True)
class Choices:
    """What a parameter may be: free text, a list given in the header, or a set the KB
    serves (`set` names the question that answers it; `query` is that question)."""

    free: bool = False
    listed: tuple[Choice, ...] = ()
    set: str | None = None
    query: Question | None = field(default=None, compare=False, repr=False)

    @property
    def origin(self) -> str:
        return FREE if self.free else "set" if self.set else "list"

    def to_dict(self) -> dict:
        """{'from': 'free'}, {'from': 'list', 'values': [...]} or {'from': 'set', 'set': id}."""
        data: dict = {"from": self.origin}
        if self.set:
            data["set"] = self.set
        if self.listed:
            data["values"] = [c.to_dict() for c in self.listed]
        return data


@dataclass(frozen=True)
class Param:
    name: str
    variable: str  # '_article_iri'
    is_iri: bool
    label: Text
    type: str  # a key of kb.engine.params.TRANSFORMS
    choices: Choices
    default: str | None
    optional: bool

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "label": self.label.to_dict(),
            "type": self.type,
            "default": self.default,
            "optional": self.optional,
            "choices": self.choices.to_dict(),
        }


@dataclass(frozen=True)
class Column:
    name: str
    label: Text
    type: str  # a key of COLUMN_TYPES

    def to_dict(self) -> dict:
        return {"name": self.name, "label": self.label.to_dict(), "type": self.type}


@dataclass(frozen=True)
class Question:
    """One question and its contract. summary_lv/summary_en are the title (the UI's menus use them)."""

    id: str
    source: str  # 'catalogue' (queries/) or 'ui' (ui/queries/)
    path: Path
    text: str  # the SPARQL, without the header
    title: Text
    description: Text | None
    tags: tuple[str, ...]
    params: tuple[Param, ...] = ()
    columns: tuple[Column, ...] = ()
    answer: str = "sparql"  # a key of ANSWERS

    @property
    def summary_lv(self) -> str:
        return self.title.lv

    @property
    def summary_en(self) -> str:
        return self.title.en

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)

    def columns_of(self, type_: str) -> list[Column]:
        return [c for c in self.columns if c.type == type_]

    def column_of(self, type_: str) -> Column | None:
        """The first column of a type: question.column_of('measure-number') is the measure's number."""
        return next(iter(self.columns_of(type_)), None)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title.to_dict(),
            "description": self.description.to_dict() if self.description else None,
            "tags": list(self.tags),
            "answer": self.answer,
            "params": [p.to_dict() for p in self.params],
            "columns": [c.to_dict() for c in self.columns],
        }


# ---------------------------------------------------------------- parsing


def _split(text: str) -> tuple[str, str]:
    """The header's YAML and the query itself (what is sent to a store, without the header)."""
    lines = text.splitlines(keepends=True)
    header = "".join(line[3:] for line in lines if line.startswith("#+ "))
    return header, "".join(line for line in lines if not line.startswith("#+ "))


def _mapping(value, where: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise CatalogueError(f"{where}: a mapping expected, got {value!r}")
    return value


def _keys(value: dict, allowed: tuple[str, ...], where: str) -> None:
    unknown = set(value) - set(allowed)
    if unknown:
        raise CatalogueError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}; allowed: {', '.join(allowed)}")


def _text(value, where: str, required: bool = True) -> Text | None:
    if value is None and not required:
        return None
    value = _mapping(value, where)
    _keys(value, LANGUAGES, where)
    missing = [lang for lang in LANGUAGES if not isinstance(value.get(lang), str) or not value[lang].strip()]
    if missing:
        raise CatalogueError(f"{where}: text needed for {', '.join(missing)}")
    return Text(value["lv"].strip(), value["en"].strip())


def _string(value, where: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise CatalogueError(f"{where}: write {value!r} as a quoted string")


def _check_value(type_: str, value: str, where: str) -> None:
    try:
        TRANSFORMS[type_](value)
    except NotationError as error:
        raise CatalogueError(f"{where}: {error}") from None


def _choices(spec, type_: str, where: str) -> Choices:
    if spec == FREE:
        return Choices(free=True)
    if isinstance(spec, str) and spec:
        return Choices(set=spec)  # resolved when the whole catalogue is loaded
    if isinstance(spec, list) and spec:
        listed = []
        for index, item in enumerate(spec):
            at = f"{where}[{index}]"
            item = _mapping(item, at)
            _keys(item, CHOICE_KEYS, at)
            value = _string(item.get("value"), f"{at}.value")
            if not value:
                raise CatalogueError(f"{at}: a value is needed")
            _check_value(type_, value, f"{at}.value")
            label = _text(item.get("label"), f"{at}.label")
            listed.append(Choice(value, label.lv, label.en))
        return Choices(listed=tuple(listed))
    raise CatalogueError(f"{where}: '{FREE}', the id of a choice-set question, or a list of {{value, label}} expected")


def _param_name(variable: str) -> str:
    """'_article_iri' -> 'article'; '_text' -> 'text'."""
    return variable[1:-4] if _is_iri(variable) else variable[1:]


def _is_iri(variable: str) -> bool:
    return variable.endswith("_iri") and len(variable) > len("__iri")


def _param(variable: str, spec, where: str) -> Param:
    name, is_iri = _param_name(variable), _is_iri(variable)
    spec = _mapping(spec, where)
    _keys(spec, PARAM_KEYS, where)
    type_ = spec.get("type")
    if type_ not in TRANSFORMS:
        raise CatalogueError(f"{where}.type: one of {', '.join(TRANSFORMS)} expected, got {type_!r}")
    if is_iri != (type_ in IRI_TYPES):
        variable = f"?_{name}_iri" if type_ in IRI_TYPES else f"?_{name}"
        raise CatalogueError(f"{where}.type: a {type_} value is bound to {variable}, so the variable must be {variable}")
    optional = spec.get("optional", False)
    if not isinstance(optional, bool):
        raise CatalogueError(f"{where}.optional: true or false expected, got {optional!r}")
    if "choices" not in spec:
        raise CatalogueError(f"{where}: choices are needed ('{FREE}', a choice-set question, or a list)")
    choices = _choices(spec["choices"], type_, f"{where}.choices")
    default = _string(spec.get("default"), f"{where}.default")
    if default is not None:
        _check_value(type_, default, f"{where}.default")
        if choices.listed and default not in {c.value for c in choices.listed}:
            raise CatalogueError(f"{where}.default: {default!r} is not one of the listed choices")
    return Param(name, variable, is_iri, _text(spec.get("label"), f"{where}.label"), type_, choices, default, optional)


def _columns(spec, text: str, where: str) -> tuple[Column, ...]:
    spec = _mapping(spec, where)
    returned = projection(text)
    if returned is not None and list(spec) != returned:
        raise CatalogueError(f"{where}: the query returns {', '.join(returned)}; the header declares {', '.join(map(str, spec))}")
    columns = []
    for name, column in spec.items():
        at = f"{where}.{name}"
        column = _mapping(column, at)
        _keys(column, COLUMN_KEYS, at)
        if column.get("type") not in COLUMN_TYPES:
            raise CatalogueError(f"{at}.type: one of {', '.join(COLUMN_TYPES)} expected, got {column.get('type')!r}")
        columns.append(Column(str(name), _text(column.get("label"), f"{at}.label"), column["type"]))
    return tuple(columns)


def parse_question(path: Path, source: str = "catalogue") -> Question:
    header, text = _split(path.read_text(encoding="utf-8"))
    where = str(path)
    try:
        meta = load_yaml(header)
    except YAMLError as error:
        raise CatalogueError(f"{where}: the header is not valid YAML: {error}") from None
    meta = _mapping(meta, where)
    _keys(meta, QUESTION_KEYS, where)
    tags = meta.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise CatalogueError(f"{where}.tags: a list of words expected")
    declared = _mapping(meta.get("params"), f"{where}.params")
    by_name: dict[str, str] = {}
    for variable in parameter_variables(text):
        name = _param_name(variable)
        if name in by_name:
            raise CatalogueError(
                f"{where}: the query uses both ?{by_name[name]} and ?{variable}; a parameter is one or the other"
            )
        by_name[name] = variable
    if set(declared) != set(by_name):
        raise CatalogueError(
            f"{where}.params: the query uses {', '.join(sorted(by_name)) or 'none'}; "
            f"the header declares {', '.join(sorted(map(str, declared))) or 'none'}"
        )
    params = tuple(_param(by_name[name], spec, f"{where}.params.{name}") for name, spec in declared.items())
    columns = _columns(meta.get("columns"), text, f"{where}.columns")
    answer = _answer(meta.get("answer", "sparql"), params, columns, f"{where}.answer")
    return Question(
        id=path.stem,
        source=source,
        path=path,
        text=text,
        title=_text(meta.get("title"), f"{where}.title"),
        description=_text(meta.get("description"), f"{where}.description", required=False),
        tags=tuple(tags),
        params=params,
        columns=columns,
        answer=answer,
    )


def _answer(value, params: tuple[Param, ...], columns: tuple[Column, ...], where: str) -> str:
    """Who answers; the text index answers only what it has: the text to find, INDEX_COLUMNS."""
    if value not in ANSWERS:
        raise CatalogueError(f"{where}: one of {', '.join(ANSWERS)} expected, got {value!r}")
    if value == "text-index":
        if [p.name for p in params] != [INDEX_PARAM]:
            raise CatalogueError(f"{where}: the text index takes one parameter, {INDEX_PARAM!r}")
        unknown = [c.name for c in columns if c.name not in INDEX_COLUMNS]
        if unknown:
            raise CatalogueError(f"{where}: the text index has no column {', '.join(unknown)}; it has {', '.join(INDEX_COLUMNS)}")
    return value


# ---------------------------------------------------------------- the catalogue


@dataclass(frozen=True)
class Catalogue:
    """Questions by id. load_catalogue() gives every source; select(source) one of them."""

    questions: Mapping[str, Question]

    def __getitem__(self, question_id: str) -> Question:
        if question_id not in self.questions:
            known = ", ".join(sorted(self.questions))
            raise QueryError("unknown-question", f"no question {question_id!r}; known: {known}")
        return self.questions[question_id]

    def select(self, source: str) -> Catalogue:
        return Catalogue({i: q for i, q in self.questions.items() if q.source == source})

    def by_tag(self) -> dict[str, list[Question]]:
        tags: dict[str, list[Question]] = {}
        for question in self.questions.values():
            for tag in question.tags or ["other"]:
                tags.setdefault(tag, []).append(question)
        return dict(sorted(tags.items()))


def _resolve(question: Question, everything: dict[str, Question]) -> Question:
    """Point each parameter's named choice set at its question, checking it can serve one."""
    params = []
    for param in question.params:
        name = param.choices.set
        if name:
            where = f"{question.path}.params.{param.name}.choices"
            target = everything.get(name)
            if target is None:
                raise CatalogueError(f"{where}: no question {name!r} to serve the choices")
            if target.params or tuple(c.name for c in target.columns) != CHOICE_SET_COLUMNS:
                raise CatalogueError(
                    f"{where}: {name} is not a choice set (no parameters; columns {', '.join(CHOICE_SET_COLUMNS)})"
                )
            param = replace(param, choices=replace(param.choices, query=target))
        params.append(param)
    return replace(question, params=tuple(params))


def load_catalogue(sources: Mapping[str, Path] | None = None) -> Catalogue:
    """Every question of every source (default: queries/ and ui/queries/), checked."""
    everything: dict[str, Question] = {}
    for source, directory in (SOURCES if sources is None else sources).items():
        for path in sorted(Path(directory).glob("*.rq")):
            question = parse_question(path, source)
            if question.id in everything:
                raise CatalogueError(f"{path}: the id {question.id!r} is also {everything[question.id].path}")
            if question.id == FREE:
                raise CatalogueError(f"{path}: '{FREE}' is reserved for free-text parameters")
            everything[question.id] = question
    return Catalogue({i: _resolve(q, everything) for i, q in everything.items()})


# ---------------------------------------------------------------- binding values


def bind(question: Question, values: dict[str, str]) -> dict[str, Node]:
    """Check and convert the user's values; missing values take the default."""
    unknown = set(values) - {p.name for p in question.params}
    if unknown:
        raise QueryError("parameter", f"unknown parameter(s) {', '.join(sorted(unknown))} for {question.id}", question.text)
    bound: dict[str, Node] = {}
    for param in question.params:
        value = values.get(param.name)
        if value is None or value == "":
            value = None if param.optional else param.default
        if value is None:
            if param.optional:
                continue
            raise QueryError("parameter", f"parameter {param.name!r} is required", question.text)
        bound[param.variable] = _convert(param, value, question)
    return bound


def _convert(param: Param, value: str, question: Question) -> Node:
    try:
        return TRANSFORMS[param.type](str(value))
    except NotationError as error:
        raise QueryError("parameter", f"{param.name}: {error}", question.text) from None
