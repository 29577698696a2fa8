"""Results as W3C SPARQL 1.1 Query Results JSON bindings, plus CSV and a text table."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field


@dataclass
class Result:
    variables: list[str]
    rows: list[dict[str, dict]]  # variable -> SPARQL-JSON term {"type", "value", "datatype"?, "xml:lang"?}
    truncated: bool = False
    row_cap: int | None = None
    meta: dict = field(default_factory=dict)

    def values(self, variable: str) -> list[str]:
        return [row[variable]["value"] for row in self.rows if variable in row]

    def to_json(self) -> str:
        document = {"head": {"vars": self.variables}, "results": {"bindings": self.rows}}
        if self.truncated:
            document["head"]["link"] = []
            document["truncated"] = True  # extension member: readers ignore unknown keys
        return json.dumps(document, ensure_ascii=False, indent=1)

    def to_csv(self) -> str:
        """W3C SPARQL 1.1 CSV: plain values, blank nodes as _:id, CRLF line ends."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(self.variables)
        for row in self.rows:
            writer.writerow([_csv_value(row.get(v)) for v in self.variables])
        return out.getvalue()

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
        return {"json": self.to_json, "csv": self.to_csv, "table": self.to_table}[fmt]()


def _csv_value(term: dict | None) -> str:
    if term is None:
        return ""
    if term["type"] == "bnode":
        return "_:" + term["value"]
    return term["value"]
