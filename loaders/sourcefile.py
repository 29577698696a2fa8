"""A source file's text, checked before any parser sees it: its size, its encoding and its characters.

Every problem is a `SourceError` naming the file, the row (a table's row as a spreadsheet shows
it, a YAML file's line) and, where it applies, the column (a table's column, a YAML key path):

- bytes that are not UTF-8 (a file saved as Windows-1257 or Latin-1),
- a NUL byte or another control character (only tab, line feed and carriage return are text),
- a cell (or YAML value) over `MAX_CELL_BYTES`, and a file over `MAX_FILE_BYTES`.

Files are decoded with `surrogateescape`, so a bad byte survives parsing as one character
in the cell it belongs to, and is reported there instead of at a byte offset."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from core.errors import SourceError

MAX_FILE_BYTES = 16 * 1024 * 1024  # the whole transcription is ~120 KB
MAX_CELL_BYTES = 128 * 1024  # the longest cell of the plan is ~2 KB

# NUL and the other C0 controls except tab, LF and CR, and the stand-ins surrogateescape
# gives to bytes that are not UTF-8. XML 1.0 (xlsx, RDF/XML) cannot carry any of them.
_BAD_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\udc80-\udcff]")


def read_text(path: Path, name: str) -> str:
    """The file's text (a UTF-8 BOM dropped); bytes that are not UTF-8 stay as surrogate escapes."""
    if not path.exists():
        raise SourceError(name, None, None, "file not found")
    check_file_size(path, name)
    text = path.read_bytes().decode("utf-8", "surrogateescape")
    return text[1:] if text.startswith("\ufeff") else text


def check_file_size(path: Path, name: str) -> None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise SourceError(name, None, None, f"the file is {size} bytes; a source file may have at most {MAX_FILE_BYTES}")


def bad_character(text: str) -> tuple[int, str, str] | None:
    """The first character no source may contain, as (index, what it is, advice), or None."""
    found = _BAD_CHARACTER.search(text)
    if not found:
        return None
    char = found.group()
    if "\udc80" <= char <= "\udcff":
        return found.start(), f"invalid UTF-8 (byte 0x{ord(char) - 0xDC00:02X})", "; save the file as UTF-8"
    if char == "\x00":
        return found.start(), "a NUL byte", ""
    return found.start(), f"a control character (U+{ord(char):04X})", ""


def cell_size(value: str) -> int:
    return len(value.encode("utf-8", "surrogateescape"))


def cell_problem(value: str) -> str | None:
    """Why a table cell cannot be read, or None."""
    bad = bad_character(value)
    if bad:
        index, what, advice = bad
        return f"{what} at character {index + 1} of the cell{advice}"
    size = cell_size(value)
    if size > MAX_CELL_BYTES:
        return f"the cell is {size} bytes; a cell may have at most {MAX_CELL_BYTES} (128 KiB)"
    return None


def load_yaml(path: Path, name: str):
    """Parse a YAML source; errors name the line and, where known, the key path ('goal.text_lv')."""
    text = read_text(path, name)
    bad = bad_character(text)
    if bad:
        index, what, advice = bad
        line, column = _line_and_column(text, index)
        placeholder = _BAD_CHARACTER.sub("?", text)  # same length: YAML's positions still match
        raise SourceError(name, line, _key_at(placeholder, index), f"{what} at column {column} of the line{advice}")
    loader = None
    try:
        loader = yaml.SafeLoader(text)  # refuses characters YAML does not allow (DEL, C1 controls) here
        node = loader.get_single_node()
        for scalar, keys in _scalars(node, ()):
            size = cell_size(scalar.value)
            if size > MAX_CELL_BYTES:
                raise SourceError(
                    name,
                    scalar.start_mark.line + 1,
                    ".".join(keys) or None,
                    f"the value is {size} bytes; a value may have at most {MAX_CELL_BYTES} (128 KiB)",
                )
        return None if node is None else loader.construct_document(node)
    except yaml.reader.ReaderError as exc:  # a character YAML refuses: DEL, C1 controls, U+FFFE, …
        index = exc.position
        line, column = _line_and_column(text, index)
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        key = _key_at(yaml.reader.Reader.NON_PRINTABLE.sub("?", text), index)
        reason = f"a character YAML does not allow (U+{code:04X}) at column {column} of the line"
        raise SourceError(name, line, key, reason) from None
    except yaml.YAMLError as exc:
        raise SourceError(name, _yaml_line(text, exc), None, "invalid YAML: " + _one_line(exc)) from None
    finally:
        if loader is not None:
            loader.dispose()


def _line_and_column(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _yaml_line(text: str, exc: yaml.YAMLError) -> int | None:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return None if mark is None else mark.line + 1


def _one_line(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None)
    if problem:
        context = getattr(exc, "context", None)
        return f"{context}: {problem}" if context else str(problem)
    return str(exc).splitlines()[0]


def _scalars(node, keys: tuple[str, ...]):
    """Every scalar node with the key path that leads to it (list positions are not part of the path)."""
    if isinstance(node, yaml.ScalarNode):
        yield node, keys
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _scalars(item, keys)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else "?"
            yield from _scalars(key, keys)
            yield from _scalars(value, (*keys, name))


def _key_at(text: str, index: int) -> str | None:
    """The key path of the value (or key) that holds character `index`, if the text parses."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    for scalar, keys in _scalars(node, ()):
        if scalar.start_mark.index <= index < max(scalar.end_mark.index, scalar.start_mark.index + 1):
            return ".".join(keys) or None
    return None
