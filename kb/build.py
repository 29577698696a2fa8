"""Build: load every source, validate with SHACL, and only then replace data/build/kb.ttl and kb.jsonld.

The output is deterministic: both files are written in a sorted order, there are no blank
nodes in the data and no timestamps.

Layout: `data/build` is a symbolic link to a sibling folder `data/.build.gen-<random>` that
holds exactly `kb.ttl` and `kb.jsonld`. A build writes a whole new folder, then renames a new
link over `data/build`: one rename, so both files change together, and `data/build/kb.ttl`
stays the path every reader opens. Anything else named `.build.gen-*` or `.build.link-*`
is what a killed build left, and the next build removes it."""

from __future__ import annotations

import fcntl
import json
import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, XSD, Graph, Literal, URIRef

from core import oxigraph
from core.paths import BUILD_DIR, KB_JSONLD, KB_TTL, ONTOLOGY_DIR, SOURCE_DIR
from kb.validate import ValidationReport, validate
from loaders.registry import load_all


class OutputError(Exception):
    """The output folder cannot be used (e.g. --out names a folder that holds other files)."""


class BuildFailed(Exception):
    def __init__(self, report: ValidationReport):
        self.report = report
        super().__init__(report.summary())


@dataclass
class BuildResult:
    graph: Graph
    report: ValidationReport
    outputs: list[Path]


def build(source_dir: Path = SOURCE_DIR, build_dir: Path = BUILD_DIR, ontology_dir: Path = ONTOLOGY_DIR) -> BuildResult:
    graph = load_all(source_dir, ontology_dir)
    converted = oxigraph.triples(graph)  # once, for the whole-graph checks and the Turtle
    report = validate(graph, ontology_dir=ontology_dir, converted=converted)
    if not report.conforms:
        raise BuildFailed(report)
    outputs = publish(build_dir, {KB_TTL: oxigraph.turtle(converted), KB_JSONLD: canonical_jsonld(graph).encode("utf-8")})
    return BuildResult(graph, report, outputs)


def canonical_jsonld(graph: Graph) -> str:
    """Expanded JSON-LD (no context), one node per subject, sorted by @id, with every list of
    values sorted: the same graph is always the same bytes. The text is what rdflib's writer
    gave after sorting (rdf:type as @type; integers, booleans and doubles as JSON values with
    their @type kept; json.dumps with sorted keys and an indent of 1), written directly, since
    json.dumps with an indent runs in pure Python."""
    nodes: dict[str, dict[str, list[tuple[str, str]]]] = {}
    rdf_type = RDF.type  # looked up once: a Namespace attribute costs a call
    for subject, predicate, value in graph:
        members = nodes.setdefault(str(subject), {})
        if predicate == rdf_type and isinstance(value, URIRef):
            text = _json(str(value))
            members.setdefault("@type", []).append((text, f"   {text}"))
        else:
            members.setdefault(str(predicate), []).append(_jsonld_value(value))
    if not nodes:
        return "[]\n"
    return "[\n" + ",\n".join(_jsonld_node(iri, nodes[iri]) for iri in sorted(nodes)) + "\n]\n"


def _jsonld_node(iri: str, members: dict[str, list[tuple[str, str]]]) -> str:
    lines = [f'  "@id": {_json(iri)}']
    for key in sorted(members):
        values = sorted(members[key])  # by each value's compact JSON with sorted keys
        lines.append(f"  {_json(key)}: [\n" + ",\n".join(text for _, text in values) + "\n  ]")
    return " {\n" + ",\n".join(lines) + "\n }"


# rdflib's JSON-LD writer gives literals of these types as JSON values (5, true), not strings.
_NATIVE_JSON_TYPES = frozenset({XSD.boolean, XSD.integer, XSD.double, XSD.string})


def _jsonld_value(value) -> tuple[str, str]:
    """A value object as (its compact JSON with sorted keys, its text at the indent of a list item)."""
    if isinstance(value, Literal):
        if value.datatype:
            native = value.toPython() if value.datatype in _NATIVE_JSON_TYPES else str(value)
            pairs = [("@type", str(value.datatype)), ("@value", native)]
        elif value.language:
            pairs = [("@language", value.language), ("@value", str(value))]
        else:
            pairs = [("@value", str(value))]
    else:
        pairs = [("@id", str(value) if isinstance(value, URIRef) else value.n3())]
    members = [f"{_json(key)}: {_json(item)}" for key, item in pairs]
    return "{" + ", ".join(members) + "}", "   {\n" + ",\n".join(f"    {m}" for m in members) + "\n   }"


_json = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps, without making an encoder per call


def publish(build_dir: Path, files: dict[str, bytes]) -> list[Path]:
    """Make `files` the whole content of `build_dir` in one rename (see the module's docstring).

    Files get the usual mode (0666 less the umask, so 0644), folders 0777 less the umask.
    Builds of the same folder take turns (a lock on the parent folder), and a lock held by a
    killed build is released by the kernel."""
    build_dir = Path(os.path.abspath(build_dir))  # not resolve(): build_dir is the link itself
    parent = build_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    with _locked(parent):
        _check_target(build_dir)
        _remove_leftovers(build_dir)
        generation = _fresh(parent, _prefix(build_dir, "gen"), lambda path: os.mkdir(path, 0o777))
        try:
            for name, data in files.items():
                with open(generation / name, "xb") as out:
                    out.write(data)
                    out.flush()
                    os.fsync(out.fileno())
            _fsync_dir(generation)
            _swap(build_dir, generation)
        except BaseException:
            shutil.rmtree(generation, ignore_errors=True)
            raise
        _fsync_dir(parent)
        _remove_leftovers(build_dir)  # the previous generation
    return [build_dir / name for name in files]


def _prefix(build_dir: Path, kind: str) -> str:
    return f".{build_dir.name}.{kind}-"


def _fresh(parent: Path, prefix: str, create) -> Path:
    while True:
        path = parent / (prefix + secrets.token_hex(6))
        try:
            create(path)
        except FileExistsError:
            continue
        return path


def _swap(build_dir: Path, generation: Path) -> None:
    """Point build_dir at generation with one rename of a new link over it."""
    link = _fresh(build_dir.parent, _prefix(build_dir, "link"), lambda path: os.symlink(generation.name, path))
    if build_dir.is_dir() and not build_dir.is_symlink():
        # A plain folder (the old layout, or an empty folder made for the build) cannot be
        # renamed over; it is moved aside, and the cleanup after the swap removes it. The
        # moment without a build_dir happens once per folder.
        os.rename(build_dir, build_dir.parent / (_prefix(build_dir, "gen") + secrets.token_hex(6)))
    os.replace(link, build_dir)


# What a build folder held before it became a link: the outputs and the temporary files of
# builds killed before their rename.
_OLD_LAYOUT = (KB_TTL, KB_JSONLD, f".{KB_TTL}.", f".{KB_JSONLD}.")


def _check_target(build_dir: Path) -> None:
    """build_dir must be a link (our layout), missing, or a plain folder holding only what an
    older build wrote; a folder with anything else in it is never touched."""
    if build_dir.is_symlink() or not build_dir.exists():
        return
    if not build_dir.is_dir():
        raise OutputError(f"{build_dir} is a file; the build writes a folder there")
    others = sorted(p.name for p in build_dir.iterdir() if not p.name.startswith(_OLD_LAYOUT))
    if others:
        shown = ", ".join(others[:5]) + (", …" if len(others) > 5 else "")
        raise OutputError(
            f"{build_dir} is a folder that holds other files ({shown}); the build replaces the whole "
            "folder, so give a new folder or one only the build writes"
        )


def _remove_leftovers(build_dir: Path) -> None:
    """Remove every generation but the current one, and stray links: what killed builds left."""
    current = os.readlink(build_dir) if build_dir.is_symlink() else None
    prefixes = (_prefix(build_dir, "gen"), _prefix(build_dir, "link"))
    for path in build_dir.parent.iterdir():
        if not path.name.startswith(prefixes) or path.name == current:
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # releases the lock


def _fsync_dir(folder: Path) -> None:
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
