"""rdflib's SPARQL parser (pyparsing) is not thread-safe: concurrent parses in one process
corrupt it for good (found by tests/test_load.py and tests/test_ui_load.py). Every parse in
a process holds this one lock."""

from __future__ import annotations

import os
import threading

SPARQL_PARSER_LOCK = threading.Lock()


def _fresh_lock_in_child() -> None:
    # A worker forked while another thread held the lock would inherit it held, and every
    # check in that worker would wait until its time limit: the child starts with a free one.
    global SPARQL_PARSER_LOCK
    SPARQL_PARSER_LOCK = threading.Lock()


os.register_at_fork(after_in_child=_fresh_lock_in_child)
