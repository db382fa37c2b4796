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
    return f"{row.setup} ({row.platform}): {REACHABLE.get(str(row.fact.value), str(row.fact.value))}." + (
        f" {row.condition}" if row.condition else ""
    )


def per_setup(kb: KB) -> Iterator[Draft]:
    """One single-choice question per trusted row: yes, no or only under a condition."""
    table = kb.cni_table
    if table is None:
        return
    for row in table.rows:
        value = str(row.fact.value)
        if not trusted(row.fact) or value not in REACHABLE:
            continue
        yield Draft(
            template="cni-row",
            keys=(row.fact.id,),
            facts=(row.fact,),
            kind="single",
            text=f"{table.question} Setup: {row.setup} (platform: {row.platform}).",
            correct=(REACHABLE[value],),
            wrong=tuple(label for key, label in REACHABLE.items() if key != value),
            explanation=_why(row),
            topic="exposure",
            difficulty="hard",
            architectures=_tags(kb, table),
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
        if not right or not wrong or len({r.setup for r in rows}) != len(rows):
            continue
        yield Draft(
            template="cni-platform",
            keys=(platform,),
            facts=tuple(r.fact for r in rows),
            kind="multiple",
            text=f"{table.title} Pick every {platform} setup where it can.{ALL_THAT_APPLY}",
            correct=tuple(r.setup for r in right),
            wrong=tuple(r.setup for r in wrong),
            explanation=" ".join(_why(r) for r in rows),
            topic="exposure",
            difficulty="hard",
            architectures=_tags(kb, table),
        )


TEMPLATES = (per_setup, per_platform)


def drafts(kb: KB) -> Iterator[Draft]:
    """Every draft the CNI table templates make from ``kb``."""
    for template in TEMPLATES:
        yield from template(kb)
