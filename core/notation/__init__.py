"""Parsers for the plan's own notations (article links, deadlines, policy
references, amounts). Each takes a cell's text and returns plain data or raises
NotationError with the reason."""

from core.notation.amounts import parse_amount
from core.notation.articles import PointRef, parse_article_refs, parse_point_query
from core.notation.deadlines import Deadline, parse_deadline
from core.notation.footnotes import split_footnotes, strip_footnote_marks
from core.notation.measures import is_measure_number, parse_measure_number
from core.notation.policy_refs import PolicyRef, parse_policy_refs

__all__ = [
    "Deadline",
    "PointRef",
    "PolicyRef",
    "is_measure_number",
    "parse_amount",
    "parse_article_refs",
    "parse_deadline",
    "parse_measure_number",
    "parse_point_query",
    "parse_policy_refs",
    "split_footnotes",
    "strip_footnote_marks",
]
