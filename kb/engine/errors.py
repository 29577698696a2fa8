"""One error shape for every failure a user can cause: kind, message, query, position."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class QueryError(Exception):
    kind: str  # syntax | refused | parameter | timeout | unreachable | endpoint | unknown-question
    message: str
    query: str = ""
    line: int | None = None
    column: int | None = None
    details: dict = field(default_factory=dict)

    def __str__(self) -> str:
        where = f" (line {self.line}, column {self.column})" if self.line else ""
        return f"{self.kind}: {self.message}{where}"

    def to_dict(self) -> dict:
        return {"kind": self.kind, "message": self.message, "query": self.query, "line": self.line, "column": self.column}
