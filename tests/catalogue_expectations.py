"""Expected answers for every catalogue question, read from queries/expected/<id>.yaml,
beside the questions themselves (pages of the plan in the files' comments). Shared by
the embedded-store tests, the endpoint tests and the Virtuoso comparison.

Each file is a list of cases: `params` (the values given), `variable` (the result column
read) and `expected` (the set of values it must hold; null when a test of its own checks
the answer)."""

from __future__ import annotations

from pathlib import Path

import yaml

from core.paths import QUERY_DIR
from kb.engine.service import catalogue

EXPECTED_DIR = QUERY_DIR / "expected"
CASE_KEYS = {"params", "variable", "expected"}

# (question, params, variable, expected set of values or None)
Case = tuple[str, dict[str, str], str, set[str] | None]


def load_expectations(directory: Path = EXPECTED_DIR) -> list[Case]:
    """Every case of every file, checked against the question's header: a known question,
    its own parameters, a column it declares, values written as strings."""
    cases: list[Case] = []
    for path in sorted(directory.glob("*.yaml")):
        question = catalogue()[path.stem]
        for index, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")) or []):
            where = f"{path.name}[{index}]"
            assert isinstance(case, dict) and set(case) == CASE_KEYS, f"{where}: keys {sorted(CASE_KEYS)} expected"
            params = case["params"] or {}
            assert all(question.param(name) for name in params), f"{where}: unknown parameter in {params}"
            assert all(isinstance(v, str) for v in params.values()), f"{where}: write parameter values as strings"
            assert question.column(case["variable"]), f"{where}: {question.id} has no column {case['variable']!r}"
            expected = case["expected"]
            if expected is not None:
                assert all(isinstance(v, str) for v in expected), f"{where}: write expected values as strings"
                expected = set(expected)
            cases.append((question.id, dict(params), case["variable"], expected))
    return cases


EXPECTED = load_expectations()
