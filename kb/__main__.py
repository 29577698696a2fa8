"""Command line: python -m kb build | validate | stats."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from loaders.errors import SourceError, SourceErrors


def _cmd_build(args: argparse.Namespace) -> int:
    from kb.build import BuildFailed, build

    try:
        result = build(Path(args.source), Path(args.out))
    except BuildFailed as failure:
        print("Build failed; the previous KB was left untouched.", file=sys.stderr)
        print(failure.report.summary(), file=sys.stderr)
        return 1
    for output in result.outputs:
        print(f"wrote {output} ({len(result.graph)} triples)")
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from rdflib import Graph

    from kb.sources import load_all
    from kb.validate import validate

    graph = Graph().parse(args.file) if args.file else load_all(Path(args.source))
    report = validate(graph)
    print(report.summary())
    return 0 if report.conforms else 1


def _cmd_stats(args: argparse.Namespace) -> int:
    from rdflib import Graph

    from kb.stats import class_counts

    path = Path(args.file)
    if not path.exists():
        print(f"{path} not found; run `python -m kb build` first.", file=sys.stderr)
        return 1
    graph = Graph().parse(path)
    width = max(len(label) for _, label, _ in class_counts(graph))
    for _, label, count in class_counts(graph):
        print(f"{label:<{width}}  {count:>5}")
    print(f"{'triples':<{width}}  {len(graph):>5}")
    return 0


def main(argv: list[str] | None = None) -> int:
    from kb.build import BUILD_DIR, KB_TTL
    from kb.sources import SOURCE_DIR

    parser = argparse.ArgumentParser(prog="python -m kb", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="load all sources, validate with SHACL, write kb/build/kb.ttl and kb.jsonld")
    build.add_argument("--source", default=str(SOURCE_DIR), help="folder with the source tables")
    build.add_argument("--out", default=str(BUILD_DIR), help="output folder")
    build.set_defaults(run=_cmd_build)
    validate = commands.add_parser("validate", help="print the SHACL report for the sources (or --file)")
    validate.add_argument("--source", default=str(SOURCE_DIR))
    validate.add_argument("--file", help="validate this Turtle file instead of the sources")
    validate.set_defaults(run=_cmd_validate)
    stats = commands.add_parser("stats", help="count instances per class in the built KB")
    stats.add_argument("--file", default=str(BUILD_DIR / KB_TTL))
    stats.set_defaults(run=_cmd_stats)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (SourceError, SourceErrors) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
