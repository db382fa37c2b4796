"""Text alternatives of the architecture diagrams, generated from the same topology.

For screen readers (``alt``), search and anyone who cannot see the picture: which boxes hold which
nodes, and every line with its kind and label. Plain text: escape it where it lands.
"""

from __future__ import annotations

from ..kb.model import KB, Architecture, Topology


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _group_phrase(kb: KB, label: str, kind: str) -> str:
    kind_label = kb.label(kind)
    return f'Box "{label}"' if kind_label.casefold() == label.casefold() else f'Box "{label}" ({kind_label})'


def _boxes(kb: KB, topology: Topology) -> list[str]:
    sentences = []
    for group in topology.groups:
        members = [n.label for n in topology.nodes if n.group == group.id]
        members += [f'box "{g.label}"' for g in topology.groups if g.parent == group.id]
        if members:
            sentences.append(f"{_group_phrase(kb, group.label, group.kind)} contains {_join(members)}.")
    loose = [n.label for n in topology.nodes if n.group is None]
    if loose:
        sentences.append(f"Outside any box: {_join(loose)}.")
    return sentences


def _lines(kb: KB, topology: Topology) -> list[str]:
    labels = {n.id: n.label for n in topology.nodes}
    kinds = list(dict.fromkeys(e.kind for e in topology.edges))
    sentences = []
    for kind in kinds:
        edges = [f'{labels[e.source]} to {labels[e.target]}, "{e.label}"' for e in topology.edges if e.kind == kind]
        sentences.append(f"{kb.label(kind)}: {'; '.join(edges)}.")
    return sentences


def alt_text(kb: KB, arch: Architecture) -> str:
    """A description of an architecture's diagram in sentences: boxes, their contents and every line."""
    parts = [f"Diagram of {arch.name}."]
    parts += _boxes(kb, arch.topology)
    parts += _lines(kb, arch.topology)
    return " ".join(parts)


#: The overview draws at most this many architectures, the first in order: past that a picture of
#: every architecture side by side is too big to read (and graphviz grows super-linearly), while
#: each architecture's page keeps its own diagram and the comparison pages list them all.
OVERVIEW_MAX = 8


def overview_architectures(kb: KB) -> list[Architecture]:
    """The architectures the overview draws: the first :data:`OVERVIEW_MAX` in order."""
    return sorted(kb.architectures, key=lambda a: a.order)[:OVERVIEW_MAX]


def overview_note(kb: KB) -> str | None:
    """What the overview says when it leaves architectures out (None when it draws them all)."""
    shown, total = len(overview_architectures(kb)), len(kb.architectures)
    return (
        None
        if shown == total
        else f"Architectures 1 to {shown} of {total}; every architecture's page has its own diagram."
    )


def overview_alt_text(kb: KB) -> str:
    """A description of the overview: each architecture's boxes in order, then the legend of line kinds."""
    archs = overview_architectures(kb)
    note = overview_note(kb)
    parts = [f"Overview diagram of {len(archs)} architectures side by side." + (f" {note}" if note else "")]
    for arch in archs:
        parts.append(f"{arch.order}. {arch.name}: " + " ".join(_boxes(kb, arch.topology)))
    kinds = list(dict.fromkeys(e.kind for a in archs for e in a.topology.edges))
    group = kb.vocabulary.get("edge_kind")
    legend = group.label if group else "Line kinds"
    parts.append(f"{legend}: {_join([kb.label(k) for k in kinds])}.")
    return " ".join(parts)
