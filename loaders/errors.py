"""One error type for broken source input: it always says where and why."""

from __future__ import annotations

from dataclasses import dataclass


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
