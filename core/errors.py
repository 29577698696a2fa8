"""Every error a user can cause, in one module.

- `NotationError`: a cell does not follow the plan's notation (raised by the parsers).
- `SourceError` / `SourceErrors`: a broken source row, always `file:row [column]: reason`.
- `CatalogueError`: a catalogue .rq file whose header breaks its contract (found at load time).
- `QueryError`: a failed query or parameter. Its `kind` is an `ErrorKind`, which carries
  in one table what each surface does with it: the HTTP status of the endpoint, the CLI's
  exit code and the key of the UI's message. `format_error` is the one text rendering."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from http import HTTPStatus


class NotationError(ValueError):
    """A cell's text does not follow the plan's notation. Raised by the parsers,
    which know nothing of files; loaders wrap it into a SourceError."""


@dataclass
class SourceError(Exception):
    """A broken source row: file, row, column and the reason."""

    file: str
    row: int | None
    column: str | None
    reason: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f":{self.row}"
        if self.column:
            where += f" [{self.column}]"
        return f"{where}: {self.reason}"


class SourceErrors(Exception):
    """Several source errors collected in one pass, so a user can fix them all at once."""

    def __init__(self, errors: list[SourceError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


class CatalogueError(ValueError):
    """A question's .rq header is wrong: an unknown key or type, a parameter the query does
    not use, a choice set that does not exist. Raised when the catalogue is loaded."""


@dataclass(frozen=True)
class _Surface:
    http_status: HTTPStatus
    exit_code: int
    ui_key: str


class ErrorKind(StrEnum):
    """What went wrong; compares equal to its string value ('syntax')."""

    SYNTAX = "syntax"
    REFUSED = "refused"
    PARAMETER = "parameter"
    TIMEOUT = "timeout"
    UNREACHABLE = "unreachable"
    ENDPOINT = "endpoint"
    UNKNOWN_QUESTION = "unknown-question"
    UNKNOWN_ENTITY = "unknown-entity"

    @property
    def http_status(self) -> HTTPStatus:
        return SURFACES[self].http_status

    @property
    def exit_code(self) -> int:
        return SURFACES[self].exit_code

    @property
    def ui_key(self) -> str:
        return SURFACES[self].ui_key


# The one table: kind → HTTP status, CLI exit code, UI message key.
SURFACES: dict[ErrorKind, _Surface] = {
    ErrorKind.SYNTAX: _Surface(HTTPStatus.BAD_REQUEST, 3, "error_kind_syntax"),
    ErrorKind.REFUSED: _Surface(HTTPStatus.FORBIDDEN, 3, "error_kind_refused"),
    ErrorKind.PARAMETER: _Surface(HTTPStatus.BAD_REQUEST, 3, "error_kind_parameter"),
    ErrorKind.TIMEOUT: _Surface(HTTPStatus.SERVICE_UNAVAILABLE, 3, "error_kind_timeout"),
    ErrorKind.UNREACHABLE: _Surface(HTTPStatus.BAD_GATEWAY, 3, "error_kind_unreachable"),
    ErrorKind.ENDPOINT: _Surface(HTTPStatus.INTERNAL_SERVER_ERROR, 3, "error_kind_endpoint"),
    ErrorKind.UNKNOWN_QUESTION: _Surface(HTTPStatus.NOT_FOUND, 3, "error_kind_unknown-question"),
    ErrorKind.UNKNOWN_ENTITY: _Surface(HTTPStatus.NOT_FOUND, 3, "error_kind_unknown-entity"),
}
SOURCE_ERROR_EXIT_CODE = 2


@dataclass
class QueryError(Exception):
    """One error shape for every failure a user can cause: kind, message, query, position."""

    kind: ErrorKind
    message: str
    query: str = ""
    line: int | None = None
    column: int | None = None
    details: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.kind = ErrorKind(self.kind)  # an unknown kind is a programming error, found at once

    def __str__(self) -> str:
        where = f" (line {self.line}, column {self.column})" if self.line else ""
        return f"{self.kind}: {self.message}{where}"

    def to_dict(self) -> dict:
        return {"kind": str(self.kind), "message": self.message, "query": self.query, "line": self.line, "column": self.column}


def format_error(error: QueryError) -> str:
    """The one place a query error is turned into text (CLI and endpoint; the UI shows the same fields)."""
    lines = [f"error ({error.kind}): {error.message}"]
    if error.line:
        lines.append(f"  at line {error.line}, column {error.column}")
        query_lines = error.query.splitlines()
        if 0 < error.line <= len(query_lines):
            line = query_lines[error.line - 1]
            # The caret stays within the line: a position is never trusted to size the output.
            lines.append("  " + line)
            lines.append("  " + " " * min(max((error.column or 1) - 1, 0), len(line)) + "^")
    return "\n".join(lines)
