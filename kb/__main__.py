"""Command line: python -m kb build | validate | stats | ask | search | sparql | questions | choices | push | export |
report | serve."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.errors import SOURCE_ERROR_EXIT_CODE, QueryError, SourceError, SourceErrors, format_error


def _cmd_build(args: argparse.Namespace) -> int:
    from kb.build import BuildFailed, OutputError, build

    try:
        result = build(Path(args.source), Path(args.out))
    except BuildFailed as failure:
        print("Build failed; the previous KB was left untouched.", file=sys.stderr)
        print(failure.report.summary(), file=sys.stderr)
        return 1
    except OutputError as error:
        print(f"error: {error}", file=sys.stderr)
        return SOURCE_ERROR_EXIT_CODE
    for output in result.outputs:
        print(f"wrote {output} ({len(result.graph)} triples)")
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from rdflib import Graph

    from kb.validate import validate
    from loaders.registry import load_all

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
    counts = class_counts(graph)
    width = max(len(label) for _, label, _ in counts)
    for _, label, count in counts:
        print(f"{label:<{width}}  {count:>5}")
    print(f"{'triples':<{width}}  {len(graph):>5}")
    return 0


def _existing_kb(path: str) -> Path:
    if not Path(path).exists():
        raise SourceError(path, None, None, "not found; run `python -m kb build` first")
    return Path(path)


def _built_kb(path: str):
    from rdflib import Graph

    return Graph().parse(_existing_kb(path))


def _cmd_export(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if args.format == "void":
        _export_void(args, out)
        print(f"wrote {out}")
        return 0
    from kb import export

    graph = _built_kb(args.kb)
    if args.format in export.RDF_FORMATS:
        written = [export.export_rdf(graph, args.format, out)]
    elif args.format == "csv":
        written = export.export_csv(graph, out)
    else:  # xlsx
        try:
            written = [export.export_plan_table(graph, out)]
        except ValueError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
    for path in written:
        print(f"wrote {path}")
    return 0


def _export_void(args: argparse.Namespace, out: Path) -> None:
    from kb.engine.stores import EmbeddedStore
    from kb.void import counts, void_graph

    store = EmbeddedStore(_existing_kb(args.kb))
    try:
        found = counts(store)
    finally:
        store.close()
    out.write_text(void_graph(found, endpoint=args.endpoint, dump=args.dump).serialize(format="turtle"), encoding="utf-8")


def _cmd_report(args: argparse.Namespace) -> int:
    from report import report_bytes

    if args.kind == "factsheet" and not (args.measure or args.all):
        print("error: a factsheet needs --measure NUMBER or --all", file=sys.stderr)
        return 2
    if args.kind == "compliance" and (args.measure or args.all):
        print("error: --measure and --all are for factsheets", file=sys.stderr)
        return 2
    store = _store(args)
    try:
        data = report_bytes(store, args.kind, args.lang, args.format, None if args.all else args.measure)
    finally:
        store.close()
    Path(args.out).write_bytes(data)
    print(f"wrote {args.out} ({len(data)} bytes)")
    return 0


# Threads beyond the workers, for requests that need none (the dump, /void, refusals) while
# every worker is busy.
SPARE_THREADS = 2


def _cmd_serve(args: argparse.Namespace) -> int:
    import signal

    from kb.engine.pool import StorePool
    from kb.server import SparqlServer

    pool = StorePool(Path(args.kb), size=args.workers, timeout=args.timeout, row_cap=args.row_cap)
    try:
        server = SparqlServer(
            pool,
            Path(args.kb),
            host=args.host,
            port=args.port,
            verbose=args.verbose,
            # ASK {} at 5-20 clients: ~1.5× the requests/s of 32 threads with 8 workers (bench/endpoint.py).
            threads=args.threads if args.threads is not None else args.workers + SPARE_THREADS,
            max_connections=args.max_connections,
            request_timeout=args.request_timeout,
            cors_origins=args.cors_origin or (),
            cache_bytes=int(args.cache_mb * 1024 * 1024),
        )
    except BaseException:
        pool.close()
        raise

    def stop(number, frame):
        raise KeyboardInterrupt  # leaves serve_forever in this (the main) thread; the finally below cleans up

    signal.signal(signal.SIGTERM, stop)
    print(f"read-only SPARQL endpoint on {server.url} (Ctrl+C stops it)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        pool.close()  # every worker, also one in the middle of a query
    return 0


def _store(args: argparse.Namespace):
    from kb.engine.stores import open_store

    return open_store(args.endpoint, kb_path=Path(args.kb) if args.kb else None, timeout=args.timeout, row_cap=args.row_cap)


def _params(pairs: list[str]) -> dict[str, str]:
    params = {}
    for pair in pairs or []:
        if "=" not in pair:
            raise QueryError("parameter", f"--param expects name=value, got {pair!r}")
        name, value = pair.split("=", 1)
        params[name.strip()] = value
    return params


def _print_result(result, fmt: str) -> None:
    sys.stdout.write(result.format(fmt))
    if fmt != "csv":
        sys.stdout.write("\n")
    if result.truncated:
        print(f"note: rows were cut at the row cap of {result.row_cap}", file=sys.stderr)


def _cmd_ask(args: argparse.Namespace) -> int:
    from kb.engine.service import ask

    store = _store(args)
    try:
        _print_result(ask(store, args.question, _params(args.param)), args.format)
    finally:
        store.close()
    return 0


def _cmd_search(args: argparse.Namespace) -> int:
    from core.vocabulary import VOCABULARY_QUERY, Vocabulary
    from kb.engine.search import text_index

    store = _store(args)
    try:
        hits = text_index(store).search(args.text, args.limit)
        result = store.run(VOCABULARY_QUERY)  # class names from the ontology in the KB, as the UI shows them
    finally:
        store.close()
    vocabulary = Vocabulary.from_rows({name: term["value"] for name, term in row.items()} for row in result.rows)
    rows = [_hit_row(rank, hit, vocabulary, args.lang) for rank, hit in enumerate(hits, start=1)]
    sys.stdout.write(_format_hits(rows, args.format))
    return 0


def _hit_row(rank: int, hit, vocabulary, lang: str) -> dict[str, str | int]:
    return {
        "rank": rank,
        "kind": vocabulary.label(hit.kind, lang),
        "label": hit.label(lang),
        "snippet": hit.snippet,
        "where": hit.where,
        "entity": hit.entity,
        "class": hit.kind,
    }


def _format_hits(rows: list[dict], fmt: str) -> str:
    """A text table (rank, kind, label, snippet), CSV (every field; cells a spreadsheet would
    evaluate start with an apostrophe) or JSON (every field)."""
    import csv
    import io
    import json

    from kb.engine.results import spreadsheet_safe

    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(HIT_FIELDS)
        writer.writerows([spreadsheet_safe(str(row[name]), numeric=name == "rank") for name in HIT_FIELDS] for row in rows)
        return out.getvalue()
    if not rows:
        return "(no match)\n"
    kind = max(len(row["kind"]) for row in rows)
    label = min(max(len(row["label"]) for row in rows), HIT_LABEL_WIDTH)
    lines = [f"{row['rank']:>3}  {row['kind']:<{kind}}  {_cut(row['label'], label):<{label}}  {row['snippet']}" for row in rows]
    return "\n".join(lines) + "\n"


HIT_FIELDS = ("rank", "kind", "label", "snippet", "where", "entity", "class")
HIT_LABEL_WIDTH = 50


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _cmd_sparql(args: argparse.Namespace) -> int:
    from kb.engine.prefixes import with_prefixes
    from kb.engine.service import sparql
    from kb.engine.stores import checker

    query = Path(args.file).read_text(encoding="utf-8") if args.file else args.query
    if not query:
        print("error: give a query or -f FILE", file=sys.stderr)
        return 2
    # The project's prefixes (rsf:, skos:, …) need no PREFIX line, as in the UI's editor: the
    # missing lines are added in front, and the check and the store both see that text.
    text, added = with_prefixes(query)
    try:
        local = checker()  # refuse before any store is opened or contacted
        try:
            local.check(text, timeout=args.timeout)
        finally:
            local.close()
        store = _store(args)
        try:
            _print_result(sparql(store, text), args.format)
        finally:
            store.close()
    except QueryError as error:
        raise _in_user_text(error, query, added) from None
    return 0


def _in_user_text(error: QueryError, query: str, added: int) -> QueryError:
    """The error on the text the user wrote: the added PREFIX lines taken off the position and
    the query, and a syntax message cut to one short line (a store's message may repeat the
    position in the longer text, 'error at 5:3: …', and list a whole grammar)."""
    import dataclasses
    import re

    from kb.engine.safety import normalise

    line, column = error.line, error.column
    if line is not None:
        line -= added
        if line < 1:
            line, column = None, None
    message = error.message
    if error.kind == "syntax" and message.strip():
        message = re.sub(r"^error at \d+:\d+:\s*", "", message.strip()).splitlines()[0]
        message = message if len(message) <= 160 else message[:159] + "…"
    return dataclasses.replace(error, message=message, query=normalise(query), line=line, column=column)


def _cmd_questions(args: argparse.Namespace) -> int:
    import json

    from kb.engine.service import catalogue

    questions = catalogue().questions.values()
    if args.format == "json":
        print(json.dumps([q.to_dict() for q in questions], ensure_ascii=False, indent=1))
        return 0
    for question in questions:
        print(f"{question.id}  {question.title.get(args.lang)}")
        for param in question.params:
            print(f"    {param.name}{'?' if param.optional else ''}  {_menu(question, param, args.lang)}")
    return 0


def _menu(question, param, lang: str) -> str:
    """One parameter's menu as `kb questions` shows it: type, default, and its choices."""
    default = f", default {param.default}" if param.default else ""
    head = f"{param.label.get(lang)} ({param.type}{default}):"
    spec = param.choices
    if spec.free:
        return f"{head} free text"
    if spec.listed:
        return f"{head} {' | '.join(c.value for c in spec.listed)}"
    return f"{head} the KB's set {spec.set} (python -m kb choices {question.id} {param.name})"


def _cmd_choices(args: argparse.Namespace) -> int:
    import json

    from kb.engine.choices import choices, parameter
    from kb.engine.service import catalogue

    question = catalogue()[args.question]
    param = parameter(question, args.param)  # unknown names fail before any store is opened
    store = _store(args)
    try:
        found = choices(store, question, param)
    finally:
        store.close()
    if args.format == "json":
        print(json.dumps([c.to_dict() for c in found], ensure_ascii=False, indent=1))
    elif param.choices.free:
        print(f"{param.name} takes free text")
    else:
        width = max(len(c.value) for c in found) if found else 0
        for choice in found:
            print(f"{choice.value:<{width}}  {choice.label_lv}  |  {choice.label_en}".rstrip(" |"))
    return 0


def _cmd_push(args: argparse.Namespace) -> int:
    from kb.engine.push import push
    from kb.engine.stores import KB_GRAPH

    graph = args.graph or KB_GRAPH
    count = push(args.endpoint, Path(args.file), graph=graph, timeout=args.timeout)
    print(f"pushed {count} triples to <{graph}> at {args.endpoint}")
    return 0


def _add_engine_options(
    parser: argparse.ArgumentParser, formats: tuple[str, ...] = ("table", "json", "csv", "tsv", "xml")
) -> None:
    from kb.engine.defaults import DEFAULT_ROW_CAP, DEFAULT_TIMEOUT

    parser.add_argument("--endpoint", help="SPARQL 1.1 endpoint URL (default: $KB_SPARQL_ENDPOINT, else the embedded store)")
    parser.add_argument("--kb", help="Turtle file for the embedded store (default: data/build/kb.ttl)")
    parser.add_argument("--format", choices=formats, default="table")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="time limit in seconds (default %(default)s)")
    parser.add_argument("--row-cap", type=int, default=DEFAULT_ROW_CAP, help="maximum rows (default %(default)s)")


def build_parser() -> argparse.ArgumentParser:
    from core.paths import BUILD_DIR, SOURCE_DIR, default_kb
    from kb.engine.defaults import DEFAULT_ROW_CAP, DEFAULT_TIMEOUT, default_workers

    parser = argparse.ArgumentParser(prog="python -m kb", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="load all sources, validate with SHACL, write data/build/kb.ttl and kb.jsonld")
    build.add_argument("--source", default=str(SOURCE_DIR), help="folder with the source tables")
    build.add_argument("--out", default=str(BUILD_DIR), help="output folder")
    build.set_defaults(run=_cmd_build)
    validate = commands.add_parser("validate", help="print the SHACL report for the sources (or --file)")
    validate.add_argument("--source", default=str(SOURCE_DIR))
    validate.add_argument("--file", help="validate this Turtle file instead of the sources")
    validate.set_defaults(run=_cmd_validate)
    stats = commands.add_parser("stats", help="count instances per class in the built KB")
    stats.add_argument("--file", default=str(default_kb()))
    stats.set_defaults(run=_cmd_stats)
    ask = commands.add_parser("ask", help="answer a catalogue question")
    ask.add_argument("question", help="question id, see `python -m kb questions`")
    ask.add_argument("--param", action="append", metavar="NAME=VALUE", help="a parameter value (repeatable)")
    _add_engine_options(ask)
    ask.set_defaults(run=_cmd_ask)
    search = commands.add_parser(
        "search", help="search everything people read, ranked (title matches first), each hit with a snippet"
    )
    search.add_argument("text", help="words in any Latvian form, with or without diacritics; a word may be cut short")
    search.add_argument("--lang", choices=["lv", "en"], default="lv", help="language of labels and kinds (default %(default)s)")
    search.add_argument("--limit", type=int, default=20, help="at most this many hits (default %(default)s)")
    _add_engine_options(search, formats=("table", "csv", "json"))
    search.set_defaults(run=_cmd_search)
    sparql = commands.add_parser("sparql", help="run read-only SPARQL (checked first)")
    sparql.add_argument("query", nargs="?", help="the query text")
    sparql.add_argument("-f", "--file", help="read the query from a file")
    _add_engine_options(sparql)
    sparql.set_defaults(run=_cmd_sparql)
    questions = commands.add_parser("questions", help="list the query catalogue with each parameter's menu")
    questions.add_argument("--lang", choices=["lv", "en"], default="en", help="language of titles and labels")
    questions.add_argument("--format", choices=["text", "json"], default="text", help="json: the headers' whole contract")
    questions.set_defaults(run=_cmd_questions)
    choices = commands.add_parser("choices", help="the choices of a question's parameter, as the UI's menu shows them")
    choices.add_argument("question", help="question id, see `python -m kb questions`")
    choices.add_argument("param", help="parameter name")
    _add_engine_options(choices, formats=("table", "json"))
    choices.set_defaults(run=_cmd_choices)
    push = commands.add_parser("push", help="load the built KB into a SPARQL endpoint's graph store")
    push.add_argument("--endpoint", required=True, help="SPARQL 1.1 endpoint that accepts updates")
    push.add_argument("--file", default=str(default_kb()))
    push.add_argument("--graph", help="the named graph (default: the KB's own, KB_GRAPH in kb/engine/stores.py)")
    push.add_argument("--timeout", type=float, default=60.0)
    push.set_defaults(run=_cmd_push)
    export = commands.add_parser("export", help="write the KB as ttl, jsonld, nt, CSV per class, the plan table (.xlsx) or VoID")
    export.add_argument("--format", required=True, choices=["ttl", "jsonld", "nt", "csv", "xlsx", "void"])
    export.add_argument("--out", required=True, help="output file (a folder for csv)")
    export.add_argument("--kb", default=str(default_kb()), help="the built KB (default: $KB_PATH, else data/build/kb.ttl)")
    export.add_argument("--endpoint", help="for void: the SPARQL endpoint to name")
    export.add_argument("--dump", help="for void: the URL of the data dump")
    export.set_defaults(run=_cmd_export)
    report = commands.add_parser(
        "report", help="a report to send: the compliance report, or a measure's factsheet (or all 31), as DOCX or PDF"
    )
    report.add_argument("kind", choices=["compliance", "factsheet"])
    report.add_argument("--lang", choices=["lv", "en"], default="lv", help="language of the report (default %(default)s)")
    report.add_argument("--format", choices=["docx", "pdf"], required=True)
    report.add_argument("--out", required=True, help="the file to write")
    which = report.add_mutually_exclusive_group()
    which.add_argument("--measure", help="factsheet: the measure's number, such as 4.21")
    which.add_argument("--all", action="store_true", help="factsheet: every measure, in one file")
    report.add_argument("--endpoint", help="SPARQL 1.1 endpoint URL (default: $KB_SPARQL_ENDPOINT, else the embedded store)")
    report.add_argument("--kb", help="Turtle file for the embedded store (default: data/build/kb.ttl)")
    report.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT, help="time limit per query in seconds (default %(default)s)"
    )
    report.add_argument("--row-cap", type=int, default=DEFAULT_ROW_CAP, help="maximum rows per query (default %(default)s)")
    report.set_defaults(run=_cmd_report)
    serve = commands.add_parser("serve", help="a read-only SPARQL 1.1 Protocol endpoint on 127.0.0.1")
    serve.add_argument("--kb", default=str(default_kb()), help="the built KB (default: $KB_PATH, else data/build/kb.ttl)")
    serve.add_argument("--host", default="127.0.0.1", help="loopback only (default %(default)s)")
    serve.add_argument("--port", type=int, default=3030)
    serve.add_argument(
        "--workers",
        type=int,
        default=default_workers(),
        help="query worker processes (default %(default)s: what the free memory holds at KB_WORKER_MEMORY_MB each, up to 8)",
    )
    serve.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="time limit in seconds (default %(default)s)")
    serve.add_argument("--row-cap", type=int, default=DEFAULT_ROW_CAP, help="maximum rows (default %(default)s)")
    serve.add_argument(
        "--threads",
        type=int,
        default=None,
        help="threads that answer requests (default: the workers + 2; more only wait for a worker, contending for the GIL)",
    )
    serve.add_argument(
        "--cache-mb",
        type=float,
        default=64,
        help="memory for answers kept for repeated requests; 0 keeps none (default %(default)s)",
    )
    serve.add_argument(
        "--max-connections", type=int, default=256, help="open connections; beyond, 503 and Retry-After (default %(default)s)"
    )
    serve.add_argument(
        "--request-timeout", type=float, default=10, help="seconds a client has to send a whole request (default %(default)s)"
    )
    serve.add_argument(
        "--cors-origin",
        action="append",
        metavar="ORIGIN",
        help="a web origin (https://example.org) whose pages may query the endpoint; repeatable; none by default",
    )
    serve.add_argument("--verbose", action="store_true", help="log every request")
    serve.set_defaults(run=_cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (SourceError, SourceErrors) as error:
        print(f"error: {error}", file=sys.stderr)
        return SOURCE_ERROR_EXIT_CODE
    except QueryError as error:
        print(format_error(error), file=sys.stderr)
        return error.kind.exit_code


if __name__ == "__main__":
    sys.exit(main())
