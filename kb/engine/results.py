"""Results as W3C SPARQL 1.1 Query Results JSON bindings; written as JSON, XML, CSV, TSV,
a text table, or (for CONSTRUCT and DESCRIBE) as an RDF graph."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

import orjson


@dataclass
class Result:
    variables: list[str]
    rows: list[dict[str, dict]]  # variable -> SPARQL-JSON term {"type", "value", "datatype"?, "xml:lang"?}
    truncated: bool = False
    row_cap: int | None = None
    meta: dict = field(default_factory=dict)

    @property
    def is_graph(self) -> bool:
        return bool(self.meta.get("graph"))

    @property
    def is_boolean(self) -> bool:
        return "boolean" in self.meta

    def values(self, variable: str) -> list[str]:
        return [row[variable]["value"] for row in self.rows if variable in row]

    def to_json(self) -> str:
        return self.json_bytes().decode("utf-8")

    def json_bytes(self) -> bytes:
        """SPARQL JSON as UTF-8, compact. orjson: 10-100× faster than the json module on the
        catalogue's answers, which made it a large part of the endpoint's time per request."""
        if self.is_boolean:
            document = {"head": {}, "boolean": self.meta["boolean"]}
        else:
            document = {"head": {"vars": self.variables}, "results": {"bindings": self.rows}}
            if self.truncated:
                document["head"]["link"] = []
                document["truncated"] = True  # extension member: readers ignore unknown keys
        try:
            return orjson.dumps(document)
        except orjson.JSONEncodeError:
            # A lone surrogate (a remote endpoint's "\ud800"), which orjson refuses: the json
            # module writes it as an escape. Compact: with indent it uses its slow pure-Python encoder.
            return json.dumps(document, separators=(",", ":")).encode("ascii")

    def encoded(self, fmt: str) -> bytes:
        """The result written in `fmt`, as UTF-8 bytes (JSON without a round trip through str)."""
        return self.json_bytes() if fmt == "json" else self.format(fmt).encode("utf-8")

    def to_csv(self) -> str:
        """W3C SPARQL 1.1 CSV: plain values, blank nodes as _:id, CRLF line ends; with the UTF-8
        byte-order mark, without which Excel on Windows misreads Latvian letters."""
        out = io.StringIO()
        out.write(BOM)
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(self.variables)
        for row in self.rows:
            writer.writerow([_csv_value(row.get(v)) for v in self.variables])
        return out.getvalue()

    def to_tsv(self) -> str:
        """W3C SPARQL 1.1 TSV: terms in SPARQL syntax (<iri>, "literal"@lang, "1"^^<dt>)."""
        lines = ["\t".join(f"?{v}" for v in self.variables)]
        lines += ["\t".join(_tsv_term(row.get(v)) for v in self.variables) for row in self.rows]
        return "\n".join(lines) + "\n"

    def to_xml(self) -> str:
        """W3C SPARQL Query Results XML Format (what SPARQLWrapper and rdflib ask for by default)."""
        out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
        if self.is_boolean:
            out += ["</head>", f"<boolean>{str(self.meta['boolean']).lower()}</boolean>", "</sparql>"]
            return "\n".join(out)
        out += [f"<variable name={quoteattr(v)}/>" for v in self.variables]
        out += ["</head>", "<results>"]
        for row in self.rows:
            out.append("<result>")
            out += [f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>" for v, t in row.items()]
            out.append("</result>")
        out += ["</results>", "</sparql>"]
        return "\n".join(out)

    def to_graph(self):
        """CONSTRUCT/DESCRIBE rows (subject, predicate, object) as an rdflib Graph."""
        from rdflib import BNode, Graph, Literal, URIRef

        def node(term: dict):
            if term["type"] == "uri":
                return URIRef(term["value"])
            if term["type"] == "bnode":
                return BNode(term["value"])
            return Literal(term["value"], lang=term.get("xml:lang"), datatype=term.get("datatype"))

        graph = Graph()
        for row in self.rows:
            graph.add((node(row["subject"]), node(row["predicate"]), node(row["object"])))
        return graph

    def to_table(self) -> str:
        cells = [[_csv_value(row.get(v)) for v in self.variables] for row in self.rows]
        widths = [max([len(v)] + [len(c[i]) for c in cells]) for i, v in enumerate(self.variables)]
        widths = [min(w, 60) for w in widths]
        lines = ["  ".join(v.ljust(w) for v, w in zip(self.variables, widths, strict=True))]
        lines.append("  ".join("-" * w for w in widths))
        for c in cells:
            lines.append("  ".join(x[:60].ljust(w) for x, w in zip(c, widths, strict=True)))
        lines.append(
            f"({len(self.rows)} row{'s' if len(self.rows) != 1 else ''}{'; cut at the row cap' if self.truncated else ''})"
        )
        return "\n".join(lines)

    def format(self, fmt: str) -> str:
        return {"json": self.to_json, "csv": self.to_csv, "tsv": self.to_tsv, "xml": self.to_xml, "table": self.to_table}[fmt]()


# A spreadsheet evaluates a cell that starts with one of these (=HYPERLINK(…), +cmd, @SUM…).
BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMERIC = re.compile(r"http://www\.w3\.org/2001/XMLSchema#(integer|decimal|double|float|long|int|short|byte|\w*[Ii]nteger)$")


def _csv_value(term: dict | None) -> str:
    if term is None:
        return ""
    if term["type"] == "bnode":
        return "_:" + term["value"]
    return spreadsheet_safe(term["value"], numeric=bool(_NUMERIC.match(term.get("datatype", ""))))


def spreadsheet_safe(text: str, numeric: bool = False) -> str:
    """A text cell that a spreadsheet would run as a formula is written with a leading
    apostrophe, so Excel and LibreOffice show it as text; numbers (-5) stay numbers."""
    return "'" + text if text.startswith(_FORMULA_START) and not numeric else text


def _tsv_term(term: dict | None) -> str:
    if term is None:
        return ""
    if term["type"] == "uri":
        return f"<{term['value']}>"
    if term["type"] == "bnode":
        return f"_:{term['value']}"
    value = term["value"].replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    if "xml:lang" in term:
        return f'"{value}"@{term["xml:lang"]}'
    if "datatype" in term:
        return f'"{value}"^^<{term["datatype"]}>'
    return f'"{value}"'


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(value: str) -> str:
    """XML 1.0 cannot carry most control characters at all; a carriage return must be a reference."""
    if _XML_ILLEGAL.search(value):
        from core.errors import QueryError

        raise QueryError("endpoint", "a value holds a control character that XML cannot carry; ask for JSON, CSV or TSV")
    return escape(value).replace("\r", "&#13;")


def _xml_term(term: dict) -> str:
    if term["type"] == "uri":
        return f"<uri>{_xml_text(term['value'])}</uri>"
    if term["type"] == "bnode":
        return f"<bnode>{_xml_text(term['value'])}</bnode>"
    attributes = ""
    if "xml:lang" in term:
        attributes = f" xml:lang={quoteattr(term['xml:lang'])}"
    elif "datatype" in term:
        attributes = f" datatype={quoteattr(term['datatype'])}"
    return f"<literal{attributes}>{_xml_text(term['value'])}</literal>"
