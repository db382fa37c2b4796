"""Graphviz DOT for architecture diagrams, built from a topology with the ``diagrams`` package.

Every ``diagrams`` object (Diagram, Cluster, Node, Edge) is created here and nowhere else. The
package is used to *describe* the graph only: :class:`_Describe` skips its render step, and
:mod:`archkb.diagrams.render` runs graphviz itself with a time limit. Ids come from the facts
(node ``ce`` of ``secure-k8s-gateway`` stays ``ce``; in the overview it becomes
``secure-k8s-gateway.ce``), never from ``diagrams``' random uuids, and each cluster is named after
its group id so two groups with one label stay apart.

All visible text comes from the KB (topology labels, vocabulary labels). Node labels, edge labels
and the legend are HTML-like labels (icon above text; a translucent box under edge text) whose text
goes through :func:`html_escape`; titles of the diagram and of group boxes are plain labels escaped
with ``graphviz.escape``. Either way ``<b>x</b>``, ``a\\nb``, ``\\N``, quotes and braces show literally.
"""

from __future__ import annotations

import hashlib
import html
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, cast

from graphviz import escape, nohtml

from diagrams import Cluster, Diagram, Edge, Node, setdiagram

from ..kb.model import KB, Architecture, Topology
from .alt_text import overview_architectures, overview_note
from .icons import icon_path, make_node

#: The vocabulary groups whose terms type edges and groups.
EDGE_KINDS = "edge_kind"

FONT = "Sans-Serif"
TEXT = "#1F2328"

#: Colour and dash of an edge per edge_kind term; unknown kinds get :func:`edge_style`'s fallback.
EDGE_STYLES: dict[str, tuple[str, str]] = {
    "user-traffic": ("#1D4ED8", "solid"),
    "discovery": ("#B45309", "dashed"),
    "control-plane": ("#4B5563", "dotted"),
    "publishing": ("#047857", "dashed"),
}
FALLBACK_EDGE_COLORS = ("#7C3AED", "#BE123C", "#0E7490", "#4D7C0F", "#9D174D", "#1E3A8A")
FALLBACK_EDGE_DASHES = ("solid", "dashed", "dotted")

#: Fill and border of a group box per group_kind term; unknown kinds get :func:`group_style`'s fallback.
GROUP_STYLES: dict[str, tuple[str, str]] = {
    "xc-platform-group": ("#FDECEE", "#E4002B"),
    "internet-group": ("#F3F4F6", "#9CA3AF"),
    "remote-site-group": ("#FEF6E4", "#D4A017"),
    "site-group": ("#FEF6E4", "#D4A017"),
    "cluster-group": ("#E8F0FE", "#326CE5"),
    "namespace-group": ("#E8F6EE", "#2F855A"),
    "virtual-cluster-group": ("#F1ECFB", "#7C3AED"),
    "re-group": ("#FDECEE", "#E4002B"),
    "ce-group": ("#FFF1E8", "#C2410C"),
}
FALLBACK_GROUP_STYLES = (("#F0F9FF", "#0369A1"), ("#FDF4FF", "#A21CAF"), ("#F7FEE7", "#4D7C0F"))

ICON_SIZE = 54  # points
NODE_WRAP = 18
EDGE_WRAP = 26
GROUP_WRAP = 44


@dataclass(frozen=True)
class DotGraph:
    """The DOT text of one diagram and how many topology nodes it holds."""

    name: str
    source: str
    nodes: int


class _Describe(Diagram):  # type: ignore[misc]
    """A ``diagrams.Diagram`` that only collects the graph: leaving it renders nothing."""

    def __exit__(self, *exc: object) -> None:
        setdiagram(None)


def _pick(key: str, options: tuple[Any, ...]) -> Any:
    return options[int(hashlib.sha256(key.encode()).hexdigest(), 16) % len(options)]


def edge_style(kind: str) -> tuple[str, str]:
    """Colour and dash of an edge kind; a kind without an entry gets a stable pick from a palette."""
    return EDGE_STYLES.get(kind) or (_pick(kind, FALLBACK_EDGE_COLORS), _pick(kind + "/dash", FALLBACK_EDGE_DASHES))


def group_style(kind: str) -> tuple[str, str]:
    """Fill and border colour of a group kind; a kind without an entry gets a stable pick."""
    return GROUP_STYLES.get(kind) or _pick(kind, FALLBACK_GROUP_STYLES)


def _wrap(label: str, width: int) -> list[str]:
    return textwrap.wrap(" ".join(label.split()), width, break_long_words=False, break_on_hyphens=False) or [""]


def text(label: str, width: int, left: bool = False) -> str:
    """A KB label as a literal plain DOT label, wrapped onto lines of about ``width`` characters.

    ``left`` ends each line with DOT's ``\\l`` (left-justified) instead of a centred line break.
    """
    lines = _wrap(label, width)
    if left:
        return cast(str, nohtml("".join(escape(line) + "\\l" for line in lines)))
    # a NoHtml str: graphviz quotes it even when it looks like <...>
    return cast(str, escape("\n".join(lines)))


def html_escape(value: str) -> str:
    """Text for an HTML-like DOT label: HTML-escaped, and backslashes doubled (graphviz still expands
    ``\\N``, ``\\G``... in HTML-like labels, even when written as ``&#92;N``). ``]`` becomes ``&#93;``:
    graphviz 2.43 rejects a table cell whose whole text is ``]`` ("non-space string used after </TABLE>")."""
    return html.escape(value).replace("\\", "\\\\").replace("]", "&#93;")


def _html_lines(label: str, width: int) -> str:
    return "<BR/>".join(html_escape(line) for line in _wrap(label, width))


def node_label(label: str, icon: str) -> str:
    """An HTML-like node label: the icon, then the KB label as escaped text."""
    return (
        '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
        f'<TR><TD FIXEDSIZE="TRUE" WIDTH="{ICON_SIZE}" HEIGHT="{ICON_SIZE}"><IMG SRC="{html.escape(icon)}" '
        f'SCALE="TRUE"/></TD></TR>'
        f"<TR><TD>{_html_lines(label, NODE_WRAP)}</TD></TR></TABLE>>"
    )


def edge_label(label: str, color: str) -> str:
    """An HTML-like edge label on a translucent white box, so lines and borders under it stay readable."""
    body = f'<FONT COLOR="{color}">{_html_lines(label, EDGE_WRAP)}</FONT>'
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLPADDING="1" BGCOLOR="#FFFFFFD9"><TR><TD>{body}</TD></TR></TABLE>>'


def _graph_attr(title: str, direction: str) -> dict[str, str]:
    return {
        "label": text(title, 80) if title else "",
        "labelloc": "t",
        "fontsize": "16",
        "fontcolor": TEXT,
        "fontname": FONT,
        "bgcolor": "white",
        "pad": "0.2",
        "nodesep": "0.3",
        "ranksep": "0.55",
        "splines": "spline",
        "rankdir": direction,
        "newrank": "true",  # rank the whole graph at once: edges between boxes then run forward
    }


@contextmanager
def describe(name: str, title: str, direction: str = "LR") -> Iterator[Diagram]:
    """A diagrams ``Diagram`` context that collects the graph ``name`` without rendering it."""
    diagram = _Describe("", filename=name, direction=direction, curvestyle="curved", outformat="svg", show=False)
    diagram.dot.name = name
    diagram.dot.graph_attr.update(_graph_attr(title, direction))
    diagram.dot.node_attr.update({"fontname": FONT, "fontsize": "11", "fontcolor": TEXT})
    diagram.dot.edge_attr.update({"fontname": FONT, "fontsize": "10", "arrowsize": "0.7"})
    with diagram:
        yield diagram


def _cluster(name: str, label: str, fill: str, border: str, **extra: str) -> Cluster:
    attrs = {
        "bgcolor": fill,
        "pencolor": border,
        "fontcolor": TEXT,
        "fontname": FONT,
        "fontsize": "12",
        "penwidth": "1.3",
        "margin": "10",
        "labelloc": "t",
    }
    cluster = Cluster(text(label, GROUP_WRAP, left=True), graph_attr={**attrs, **extra})
    cluster.name = cluster.dot.name = f"cluster_{name}"
    return cluster


def _node(concept: str, label: str, nodeid: str) -> Node:
    html_label = node_label(label, str(icon_path(concept)))
    return make_node(
        concept, html_label, nodeid, shape="plain", image="", fixedsize="false", width="0", height="0", margin="0"
    )


def _draw_level(topology: Topology, parent: str | None, prefix: str, made: dict[str, Node]) -> None:
    for node in topology.nodes:
        if node.group == parent:
            made[node.id] = _node(node.concept, node.label, prefix + node.id)
    for group in topology.groups:
        if group.parent == parent:
            fill, border = group_style(group.kind)
            with _cluster(prefix + group.id, group.label, fill, border):
                _draw_level(topology, group.id, prefix, made)


def draw_topology(topology: Topology, prefix: str = "", labels: bool = True) -> None:
    """Add a topology's groups, nodes and edges to the current diagram; ids get ``prefix``."""
    made: dict[str, Node] = {}
    _draw_level(topology, None, prefix, made)
    for edge in topology.edges:
        color, dash = edge_style(edge.kind)
        attrs = {"color": color, "style": dash, "penwidth": "1.6", "fontsize": "10"}
        if labels:
            attrs["label"] = edge_label(edge.label, color)
        made[edge.source] >> Edge(**attrs) >> made[edge.target]


#: How a legend sample shows each edge dash (HTML-like table cells support these border styles).
_CELL_STYLE = {"solid": "solid", "dashed": "dashed", "dotted": "dotted"}


def legend_label(title: str, entries: list[tuple[str, str, str]]) -> str:
    """An HTML-like table: ``title``, then a sample line and a label per (label, colour, dash) entry."""
    rows = [f'<TR><TD COLSPAN="2" ALIGN="LEFT">{html_escape(title)}</TD></TR>']
    for label, color, dash in entries:
        line = (
            f'<TD WIDTH="40" HEIGHT="7" FIXEDSIZE="TRUE" SIDES="B" BORDER="2" '
            f'STYLE="{_CELL_STYLE.get(dash, "solid")}" COLOR="{color}"></TD>'
        )
        arrow = f'<TD><FONT COLOR="{color}" POINT-SIZE="9">&#9654;</FONT></TD>'
        sample = f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>{line}{arrow}</TR></TABLE>'
        rows.append(
            f'<TR><TD>{sample}</TD><TD ALIGN="LEFT"><FONT COLOR="{color}">{_html_lines(label, 36)}</FONT></TD></TR>'
        )
    return (
        f'<<TABLE BORDER="1" COLOR="#9CA3AF" STYLE="rounded" CELLBORDER="0" CELLSPACING="4" '
        f'CELLPADDING="2">{"".join(rows)}</TABLE>>'
    )


def _legend(kb: KB, kinds: list[str]) -> str:
    vocabulary = kb.vocabulary.get(EDGE_KINDS)
    title = vocabulary.label if vocabulary else EDGE_KINDS
    return legend_label(title, [(kb.label(kind), *edge_style(kind)) for kind in kinds])


def draw_legend(kb: KB, kinds: list[str]) -> None:
    """A node explaining each edge kind (label from the vocabulary) with a sample line in its style."""
    Node(_legend(kb, kinds), nodeid="legend", shape="plain", fixedsize="false", width="0", height="0")


def edge_kinds(kb: KB, topologies: list[Topology]) -> list[str]:
    """The edge kinds used by ``topologies``: vocabulary order first, then unknown kinds sorted."""
    used = {e.kind for t in topologies for e in t.edges}
    group = kb.vocabulary.get(EDGE_KINDS)
    known = [t.id for t in group.terms] if group else []
    return [k for k in known if k in used] + sorted(used - set(known))


def architecture_dot(kb: KB, arch: Architecture) -> DotGraph:
    """The DOT of one architecture's diagram, with a legend of the edge kinds it uses."""
    with describe(arch.id, arch.name) as diagram:
        draw_topology(arch.topology)
        draw_legend(kb, edge_kinds(kb, [arch.topology]))
    return DotGraph(arch.id, diagram.dot.source, len(arch.topology.nodes))


def overview_dot(kb: KB, name: str = "overview") -> DotGraph:
    """The architectures side by side (in their order, at most OVERVIEW_MAX), each in its own box, plus the legend."""
    archs = overview_architectures(kb)
    note = overview_note(kb)
    with describe(name, "", direction="TB") as diagram:
        if note:
            Node(
                text(note, GROUP_WRAP * 2),
                nodeid="overview-note",
                shape="plaintext",
                fixedsize="false",
                width="0",
                height="0",
            )
        for arch in archs:
            with _cluster(f"arch.{arch.id}", f"{arch.order}. {arch.name}", "white", "#6B7280", fontsize="14"):
                draw_topology(arch.topology, prefix=f"{arch.id}.", labels=False)
    # The legend is the graph's own label, under everything, so it never disturbs the layout.
    diagram.dot.graph_attr.update(
        label=_legend(kb, edge_kinds(kb, [a.topology for a in archs])), labelloc="b", labeljust="l"
    )
    return DotGraph(name, diagram.dot.source, sum(len(a.topology.nodes) for a in archs))
