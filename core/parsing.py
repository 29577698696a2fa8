"""rdflib's SPARQL parser (pyparsing) is not thread-safe: concurrent parses in one process
corrupt it for good (found by tests/test_load.py and tests/test_ui_load.py). Every parse in
a process holds this one lock."""

from __future__ import annotations

import threading

SPARQL_PARSER_LOCK = threading.Lock()
