"""A report as a renderer sees it: headings, paragraphs of runs, bullet lists and tables, with
every number already written in the report's language. The DOCX and the PDF renderers take
the same Document, so both files say the same thing."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    link: str = ""  # an http(s) address from the KB (EUR-Lex)


Inline = tuple[Run, ...]


@dataclass(frozen=True)
class Heading:
    level: int  # 1 (title) to 4
    text: str
    new_page: bool = False


@dataclass(frozen=True)
class Paragraph:
    runs: Inline
    note: bool = False  # small print: sources, caveats


@dataclass(frozen=True)
class Bullets:
    items: tuple[Inline, ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...]  # relative column widths
    numeric: frozenset[int] = frozenset()  # right-aligned columns whose cells never break
    strong_rows: frozenset[int] = frozenset()  # rows in bold (an area above its points)


Block = Heading | Paragraph | Bullets | Table


@dataclass(frozen=True)
class Document:
    lang: str
    title: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    def text(self) -> str:
        """Every word of the document, for tests and search."""
        parts: list[str] = []
        for block in self.blocks:
            if isinstance(block, Heading):
                parts.append(block.text)
            elif isinstance(block, Paragraph):
                parts.append("".join(run.text for run in block.runs))
            elif isinstance(block, Bullets):
                parts += ["".join(run.text for run in item) for item in block.items]
            else:
                parts += [" | ".join(block.headers)] + [" | ".join(row) for row in block.rows]
        return "\n".join(parts)


def plain(text: str) -> Inline:
    return (Run(text),)


def labelled(label: str, value: str) -> Inline:
    """'**Responsible:** Ministry of Economics (EM)'."""
    return (Run(f"{label}: ", bold=True), Run(value))
