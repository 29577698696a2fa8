"""Money flows for the Sankey diagram: which source, budget sector or institution, measure and
policy domain or Recommendation area each printed amount runs through. No Streamlit import, so
it is tested directly (tests/test_moneyflows.py).

One budget line (an amount printed in chapter V table 1 or the 2021 annex; table 2 restates
table 1 and is left out by the query) is one path through the diagram, whole: money is never
split, so every column of the diagram adds up to the plan's printed total.

- **Source.** The plan does not split a measure's money between its sources. An amount flows
  from one source only when the plan names it: the measure has one source, else exactly one
  source's entry names the amount's budget programme ("22/67.06.00"), else exactly one
  source's footnote is among the amount's footnotes (its row's or its own). Otherwise the
  amount flows from "several sources (not split in the plan)", and an amount of a measure with
  no source named from "source not named".
- **Institution, domain, area.** A measure with several responsible institutions, policy
  domains or Recommendation areas flows into one "several …" node that lists them; its money is
  never divided between them."""

from __future__ import annotations

import re
import textwrap
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise

import plotly.graph_objects as go

from core.errors import NotationError
from core.ordering import measure_sort_key, natural_key
from core.pointnames import point_name_of
from ui import palette
from ui.formats import money, separators
from ui.i18n import N_, text
from ui.markup import plotly_text as _plotly
from ui.viewdata import Record
from ui.viewdata import text as cell

LANGUAGES = ("lv", "en")
MIDDLE_LAYERS = ("sector", "institution")  # the user's choice for the second column
RIGHT_LAYERS = ("domain", "area")  # and for the last one
SEVERAL = "several"  # a node for money the plan gives to several things without a split
NONE = "none"  # a node for money whose source, sector, institution, domain or area is not named

# How a line's source was read (the table's last column says which rule gave it).
RULE_PROGRAMME, RULE_FOOTNOTE, RULE_ONLY, RULE_SEVERAL, RULE_NONE = "programme", "footnote", "only", "several", "none"
RULE_KEYS = {
    RULE_PROGRAMME: N_("flows_rule_programme"),
    RULE_FOOTNOTE: N_("flows_rule_footnote"),
    RULE_ONLY: N_("flows_rule_only"),
    RULE_SEVERAL: N_("flows_rule_several"),
    RULE_NONE: N_("flows_rule_none"),
}
SPECIAL_KEYS = {
    ("fund", SEVERAL): N_("flows_several_funds"),
    ("fund", NONE): N_("flows_no_fund"),
    ("sector", NONE): N_("flows_no_sector"),
    ("institution", SEVERAL): N_("flows_several_institutions"),
    ("institution", NONE): N_("flows_no_institution"),
    ("domain", SEVERAL): N_("flows_several_domains"),
    ("domain", NONE): N_("flows_no_domain"),
    ("area", SEVERAL): N_("flows_several_areas"),
    ("area", NONE): N_("flows_no_area"),
}

SEVERAL_COLOUR = "#777777"  # Tol's colour for 'bad data' in this scheme: grey, not a fund
NODE_COLOUR = "#9AA3AD"
# Hover boxes in the page's text colour, lists left-aligned (the theme's default is pale grey).
HOVER_LABEL = {"align": "left", "bgcolor": "#FFFFFF", "bordercolor": NODE_COLOUR, "font": {"color": "#262730"}}
HOVER_WIDTH = 60  # characters per line of a hover text's list
PROGRAMME = re.compile(r"\b(\d{2})/(\d{2}\.\d{2}\.\d{2})\b")  # '22/26.01.00' in a source's detail


@dataclass(frozen=True)
class Attribution:
    """A source the plan names for a measure, with its detail and footnotes."""

    fund: str
    detail: str = ""
    footnotes: frozenset[str] = frozenset()

    def programmes(self) -> set[tuple[str, str]]:
        return set(PROGRAMME.findall(self.detail))


@dataclass(frozen=True)
class Line:
    """One printed amount (a budget line) with what the plan says around it."""

    line: str
    measure: str  # the measure's IRI
    measure_id: str
    kind: str
    year: str
    amount: Decimal
    sector: str = ""
    programme: str = ""
    footnotes: frozenset[str] = frozenset()
    recurring: bool = False
    attributions: tuple[Attribution, ...] = ()


@dataclass(frozen=True)
class Path:
    """One line's way through the diagram: source → sector or institution → measure → domain or area."""

    line: str
    fund: str
    rule: str
    middle: str
    measure_id: str
    right: str
    amount: Decimal
    funds: tuple[str, ...] = ()  # the sources named for the measure (listed by a "several" node)
    middles: tuple[str, ...] = ()
    rights: tuple[str, ...] = ()


@dataclass
class Names:
    """Labels per (layer, key) and language; a measure's title is its label's hover text."""

    labels: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    titles: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)

    def label(self, layer: str, key: str, language: str) -> str:
        if (layer, key) in SPECIAL_KEYS:
            return text(SPECIAL_KEYS[layer, key], language)
        names = self.labels.get((layer, key), {})
        return names.get(language) or names.get("lv") or key

    def title(self, layer: str, key: str, language: str) -> str:
        names = self.titles.get((layer, key), {})
        return names.get(language) or names.get("lv") or self.label(layer, key, language)


# ------------------------------------------------------------------ reading the views


def read_lines(flows: Iterable[Record]) -> list[Line]:
    """The money-flows view (one row per line and source of its measure) as lines."""
    lines: dict[str, Line] = {}
    sources: dict[str, list[Attribution]] = defaultdict(list)
    for row in flows:
        key = row["line"]
        if key not in lines:
            lines[key] = Line(
                line=key,
                measure=row["measure"],
                measure_id=cell(row["measure_id"]),
                kind=cell(row["kind"]),
                year=cell(row["year"]),
                amount=Decimal(str(row["amount"])),
                sector=cell(row["sector"]),
                programme=cell(row["programme"]),
                footnotes=_numbers(row["line_footnotes"]),
                recurring=cell(row["recurring"]).lower() in ("true", "1"),
            )
        if cell(row["fund"]):
            attribution = Attribution(cell(row["fund"]), cell(row["fund_detail"]), _numbers(row["fund_footnotes"]))
            if attribution not in sources[key]:
                sources[key].append(attribution)
    return [_with(line, tuple(sources[key])) for key, line in lines.items()]


def _with(line: Line, attributions: tuple[Attribution, ...]) -> Line:
    return Line(**{**line.__dict__, "attributions": attributions})


def _numbers(value) -> frozenset[str]:
    return frozenset(cell(value).split())


@dataclass(frozen=True)
class Groups:
    """A measure's responsible institutions, policy domains and Recommendation areas."""

    institution: tuple[str, ...] = ()
    domain: tuple[str, ...] = ()
    area: tuple[str, ...] = ()


def read_groups(facets: Iterable[Record], points: Iterable[Record]) -> tuple[dict[str, Groups], Names]:
    """Each measure's groups (from the measure-facets and measure-points views), keyed by the
    measure's IRI, and their names in both languages."""
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    names = Names()
    for row in facets:
        if row["facet"] == "domain" or (row["facet"] == "institution" and row["how"] == "responsible"):
            found[row["measure"]][row["facet"]].add(row["value"])
            names.labels[row["facet"], row["value"]] = {lang: _in(row, "label", lang) for lang in LANGUAGES}
    for row in points:
        area = cell(row["area_notation"]).rstrip(".")
        found[row["measure"]]["area"].add(area)
        names.labels["area", area] = {lang: _point_name(area, lang) for lang in LANGUAGES}
    groups = {
        measure: Groups(*(tuple(sorted(kinds[layer], key=natural_key)) for layer in ("institution", "domain", "area")))
        for measure, kinds in found.items()
    }
    return groups, names


def _point_name(notation: str, language: str) -> str:
    try:
        return point_name_of(notation, language)
    except NotationError:
        return notation


def add_names(names: Names, flows: Iterable[Record], funds: Iterable[Record]) -> Names:
    """Sectors and measures from the money-flows view, funds from the options-funds view: a fund's
    node shows its name without the trailing parenthesis, its hover text the whole name."""
    for row in flows:
        if cell(row["sector"]):
            names.labels["sector", row["sector"]] = {lang: _in(row, "sector", lang) for lang in LANGUAGES}
        number = cell(row["measure_id"])
        names.labels["measure", number] = {lang: number for lang in LANGUAGES}
        names.titles["measure", number] = {lang: f"{number} {_in(row, 'measure', lang)}".strip() for lang in LANGUAGES}
    for row in funds:
        full = {lang: _in(row, "label", lang) or row["value"] for lang in LANGUAGES}
        names.titles["fund", row["value"]] = full
        names.labels["fund", row["value"]] = {lang: short_name(label) for lang, label in full.items()}
    return names


def _in(row: Mapping, stem: str, language: str) -> str:
    """A row's `<stem>_<language>` column (its label in that language)."""
    return cell(row[f"{stem}_{language}"])


def short_name(label: str) -> str:
    """'Eiropas Sociālais fonds (ESF darbības programma …)' -> 'Eiropas Sociālais fonds'."""
    shorter = re.sub(r"\s*\([^()]*\)\s*$", "", label).strip()
    return shorter or label


def fund_colours(codes: Iterable[str]) -> dict[str, str]:
    """The funds' colours of every chart (ui/palette.py), and grey for the flows the plan does
    not give to one source."""
    return palette.fund_colours(codes) | {SEVERAL: SEVERAL_COLOUR, NONE: SEVERAL_COLOUR}


# ------------------------------------------------------------------ which source an amount flows from


def fund_of(line: Line) -> tuple[str, str]:
    """(fund code or SEVERAL or NONE, the rule that decided it). Only what the plan prints decides."""
    sources = line.attributions
    if not sources:
        return NONE, RULE_NONE
    if len({source.fund for source in sources}) == 1:
        return sources[0].fund, RULE_ONLY
    by_programme = {s.fund for s in sources if (line.sector, line.programme) in s.programmes()}
    if len(by_programme) == 1:
        return by_programme.pop(), RULE_PROGRAMME
    by_footnote = {s.fund for s in sources if s.footnotes & line.footnotes}
    if len(by_footnote) == 1:
        return by_footnote.pop(), RULE_FOOTNOTE
    return SEVERAL, RULE_SEVERAL


def _one(values: tuple[str, ...]) -> str:
    return values[0] if len(values) == 1 else SEVERAL if values else NONE


def paths(lines: Iterable[Line], groups: Mapping[str, Groups], middle: str, right: str) -> list[Path]:
    """Each line as one whole path; `middle` is 'sector' or 'institution', `right` 'domain' or 'area'."""
    found = []
    for line in lines:
        fund, rule = fund_of(line)
        group = groups.get(line.measure, Groups())
        middles = ((line.sector,) if line.sector else ()) if middle == "sector" else group.institution
        rights = getattr(group, right)
        funds = tuple(sorted({source.fund for source in line.attributions}, key=natural_key))
        found.append(
            Path(line.line, fund, rule, _one(middles), line.measure_id, _one(rights), line.amount, funds, middles, rights)
        )
    return found


def periods(lines: Iterable[Line]) -> dict[str, list[str]]:
    """Kind -> the years the plan gives amounts of that kind for, in order."""
    years: dict[str, set[str]] = defaultdict(set)
    for line in lines:
        years[line.kind].add(line.year)
    return {kind: sorted(found) for kind, found in years.items()}


def recurring_years(lines: Iterable[Line]) -> set[str]:
    """Years that stand for 'every year thereafter' (the plan's column 'turpmāk ik gadu')."""
    return {line.year for line in lines if line.recurring}


def of_period(lines: Iterable[Line], kind: str, year: str) -> list[Line]:
    return [line for line in lines if line.kind == kind and line.year == year]


def keep(found: Iterable[Path], fund: str = "", middle: str = "", right: str = "") -> list[Path]:
    """The paths through the chosen nodes ('' keeps every one)."""
    return [
        p
        for p in found
        if (not fund or p.fund == fund) and (not middle or p.middle == middle) and (not right or p.right == right)
    ]


def total(found: Iterable[Path]) -> Decimal:
    return sum((p.amount for p in found), Decimal(0))


def layer_totals(found: Iterable[Path]) -> dict[str, dict[str, Decimal]]:
    """Money per node in each column ('fund', 'middle', 'measure', 'right')."""
    sums: dict[str, dict[str, Decimal]] = {layer: defaultdict(Decimal) for layer in ("fund", "middle", "measure", "right")}
    for p in found:
        for layer, key in (("fund", p.fund), ("middle", p.middle), ("measure", p.measure_id), ("right", p.right)):
            sums[layer][key] += p.amount
    return {layer: dict(values) for layer, values in sums.items()}


# ------------------------------------------------------------------ the diagram


@dataclass(frozen=True)
class Node:
    layer: str  # fund | sector | institution | measure | domain | area
    key: str
    label: str
    hover: str
    colour: str
    value: Decimal


@dataclass(frozen=True)
class Link:
    source: int
    target: int
    fund: str
    value: Decimal
    hover: str
    colour: str


@dataclass(frozen=True)
class Sankey:
    nodes: list[Node]
    links: list[Link]


# A column of the diagram: the path's attribute holding its node, and the one listing what a
# "several" node stands for.
COLUMNS = {
    "fund": ("fund", "funds"),
    "middle": ("middle", "middles"),
    "measure": ("measure_id", ""),
    "right": ("right", "rights"),
}


def sankey(found: list[Path], names: Names, middle: str, right: str, colours: Mapping[str, str], language: str) -> Sankey:
    """Nodes per column and links per source, so each band keeps its source's colour all the way."""
    layers = {"fund": "fund", "middle": middle, "measure": "measure", "right": right}
    sums = layer_totals(found)
    index: dict[tuple[str, str], int] = {}
    nodes: list[Node] = []
    for column, layer in layers.items():
        for key in sorted(sums[column], key=node_order):
            index[column, key] = len(nodes)
            colour = colours.get(key, SEVERAL_COLOUR) if column == "fund" else NODE_COLOUR
            hover = _node_hover(column, layer, key, found, names, sums[column][key], language)
            nodes.append(Node(layer, key, _plotly(names.label(layer, key, language)), hover, colour, sums[column][key]))
    flows: dict[tuple[int, int, str], Decimal] = defaultdict(Decimal)
    for p in found:
        steps = [index[column, getattr(p, COLUMNS[column][0])] for column in layers]
        for source, target in pairwise(steps):
            flows[source, target, p.fund] += p.amount
    links = []
    for (source, target, fund), value in flows.items():
        hover = _link_hover(nodes[source], nodes[target], names.label("fund", fund, language), value, language)
        links.append(Link(source, target, fund, value, hover, _faded(colours.get(fund, SEVERAL_COLOUR))))
    return Sankey(nodes, links)


def node_order(key: str) -> tuple:
    """Named things first (measures numerically), "several" and "not named" last."""
    return (key in (SEVERAL, NONE), measure_sort_key(key) if re.fullmatch(r"\d+(\.\d+)*", key) else natural_key(key))


def _node_hover(column: str, layer: str, key: str, found: list[Path], names: Names, amount: Decimal, language: str) -> str:
    """The node's whole name and money; a "several" node lists, per measure, what it stands for."""
    parts = [f"<b>{_plotly(names.title(layer, key, language))}</b>", money(amount, language)]
    if key == SEVERAL:
        attribute, members = COLUMNS[column]
        listed = {
            p.measure_id: members_text(layer, getattr(p, members), names, language)
            for p in found
            if getattr(p, attribute) == SEVERAL
        }
        for number, items in sorted(listed.items(), key=lambda kv: measure_sort_key(kv[0])):
            parts += textwrap.wrap(_plotly(f"{number}: {items}"), HOVER_WIDTH)  # a hover box no wider than a phone
    return "<br>".join(parts)


def members_text(layer: str, keys: Iterable[str], names: Names, language: str) -> str:
    return ", ".join(names.label(layer, key, language) for key in keys)


def _link_hover(source: Node, target: Node, fund: str, value: Decimal, language: str) -> str:
    return f"{source.label} → {target.label}<br>{_plotly(fund)}: {money(value, language)}"


def _faded(colour: str, alpha: float = 0.45) -> str:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def figure(diagram: Sankey, headings: list[str], language: str) -> go.Figure:
    """The Sankey diagram with a heading over each column; its height grows with the longest column."""
    per_column = defaultdict(int)
    for node in diagram.nodes:
        per_column[node.layer] += 1
    height = max(360, min(900, 60 + 42 * max(per_column.values(), default=1)))
    trace = go.Sankey(
        arrangement="snap",
        valueformat=",.0f",
        textfont={"color": "#262730", "size": 13},  # dark on a light halo, readable over the bands
        node={
            "label": [node.label for node in diagram.nodes],
            "color": [node.colour for node in diagram.nodes],
            "customdata": [node.hover for node in diagram.nodes],
            "hovertemplate": "%{customdata}<extra></extra>",
            "hoverlabel": HOVER_LABEL,
            "pad": 14,
            "thickness": 16,
            "line": {"width": 0},
        },
        link={
            "source": [link.source for link in diagram.links],
            "target": [link.target for link in diagram.links],
            "value": [float(link.value) for link in diagram.links],
            "color": [link.colour for link in diagram.links],
            "customdata": [link.hover for link in diagram.links],
            "hovertemplate": "%{customdata}<extra></extra>",
            "hoverlabel": HOVER_LABEL,
        },
    )
    fig = go.Figure(trace)
    positions = [(0.0, "left"), (1 / 3, "center"), (2 / 3, "center"), (1.0, "right")]
    fig.update_layout(
        height=height,
        separators=separators(language),
        margin={"l": 8, "r": 8, "t": 36, "b": 8},
        font={"size": 13},
        annotations=[
            {"x": x, "y": 1.0, "xref": "paper", "yref": "paper", "yanchor": "bottom", "xanchor": anchor, "yshift": 8,
             "text": f"<b>{_plotly(heading)}</b>", "showarrow": False}
            for (x, anchor), heading in zip(positions, headings, strict=True)
        ],
    )  # fmt: skip
    return fig


# ------------------------------------------------------------------ the table under the diagram


def table(found: list[Path], names: Names, middle: str, right: str, language: str) -> list[Record]:
    """The same flows as rows (source, sector or institution, measure and its number, domain or
    area, amount, how the source was read), for readers who cannot see the diagram; amounts stay numbers. A
    "several" cell names what it stands for, as the node's hover text does."""
    sums: dict[tuple, Decimal] = defaultdict(Decimal)
    for p in found:
        sums[p.fund, p.middle, p.measure_id, p.right, p.rule, p.funds, p.middles, p.rights] += p.amount
    ordered = sorted(sums.items(), key=lambda item: (measure_sort_key(item[0][2]), node_order(item[0][0])))  # stable
    return [
        {
            "fund": _cell("fund", fund, funds, names, language),
            "middle": _cell(middle, mid, middles, names, language),
            "measure": names.title("measure", measure, language),
            "measure_id": measure,
            "right": _cell(right, rgt, rights, names, language),
            "amount": int(amount) if amount == amount.to_integral_value() else float(amount),
            "rule": text(RULE_KEYS[rule], language),
        }
        for (fund, mid, measure, rgt, rule, funds, middles, rights), amount in ordered
    ]


def _cell(layer: str, key: str, members: tuple[str, ...], names: Names, language: str) -> str:
    label = names.label(layer, key, language)
    return f"{label}: {members_text(layer, members, names, language)}" if key == SEVERAL else label
