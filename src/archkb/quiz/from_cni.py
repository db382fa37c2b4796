"""Questions from the CNI reachability table: can a CE outside the cluster reach the pods behind a
ClusterIP Service with this CNI setup, and which setups of one platform allow it. The choices are
the values the table's ``reachable`` field can take.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..kb.model import KB, CNIRow, CNITable
from .evidence import ALL_THAT_APPLY, Draft, trusted

#: The values of a row's ``reachable`` field, as choices.
REACHABLE = {"yes": "Yes", "no": "No", "conditional": "Only under a condition"}


def _tags(kb: KB, table: CNITable) -> tuple[str, ...]:
    thread = next((t for t in kb.threads if t.id == table.thread), None)
    return tuple(a for a in (thread.architectures if thread else ()) if kb.has_architecture(a))


def _why(row: CNIRow) -> str:
    """One row in words; the question already names the platform."""
    return f"{row.setup}: {REACHABLE.get(str(row.fact.value), str(row.fact.value))}." + (
        f" {row.condition}" if row.condition else ""
    )


def per_platform(kb: KB) -> Iterator[Draft]:
    """Asks "Pick every Azure AKS setup where it can": rows of one platform that say yes against those that say no."""
    table = kb.cni_table
    if table is None:
        return
    platforms: dict[str, list[CNIRow]] = {}
    for row in table.rows:
        if trusted(row.fact) and row.fact.value in ("yes", "no"):
            platforms.setdefault(row.platform, []).append(row)
    for platform, rows in platforms.items():
        right = [r for r in rows if r.fact.value == "yes"]
        wrong = [r for r in rows if r.fact.value == "no"]
        if not right or not wrong or len(rows) < 3 or len({r.setup for r in rows}) != len(rows):
            continue
        yield Draft(
            template="cni-platform",
            keys=(platform,),
            facts=tuple(r.fact for r in rows),
            kind="multiple",
            text=f"{table.title} Pick every {platform} setup where it can.{ALL_THAT_APPLY}",
            correct=tuple(r.setup for r in right),
            wrong=tuple(r.setup for r in wrong),
            explanation=" ".join(_why(r) for r in right),
            feedback={r.setup: _why(r) for r in wrong},
            topic="exposure",
            difficulty="hard",
            architectures=_tags(kb, table),
        )


TEMPLATES = (per_platform,)


def drafts(kb: KB) -> Iterator[Draft]:
    """Every draft the CNI table templates make from ``kb``."""
    for template in TEMPLATES:
        yield from template(kb)
