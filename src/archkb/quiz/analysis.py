"""What follows from a choice: moving between architectures, and the requirement that forces App Stack.

Both are computed from the scenario clauses (:data:`archkb.quiz.scenarios.NEEDS`) and their
three-valued checks, so only what the facts decide is claimed:

* *moving from A to B*: the requirements B meets and A definitely fails are what the move gains;
  those A meets and B definitely fails are what it costs (the wrong choices of "what do you gain");
* *what forces App Stack*: a requirement every architecture that meets it needs App Stack for,
  against requirements an architecture on Mesh alone meets.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import permutations

from .. import urls
from ..kb.model import KB, Architecture
from ..kb.requirements import Requirement, check
from .evidence import ALL_THAT_APPLY, Draft, digest, reading, short_name
from .from_architectures import lower_first
from .scenarios import NEEDS, Need, checks_table, fact_says

#: Most right and wrong choices of one "what do you gain" question.
GAINS, COSTS = 3, 3

#: The stems of the App Stack questions, one each (no two questions share a text).
ASKED = (
    "Which one of these requirements, on its own, means the company needs App Stack and not only Mesh?",
    "The licence covers Mesh only. Which one of these requirements would make the company add App Stack?",
    "Which one of these requirements can no architecture meet on Mesh alone?",
    "A buyer asks which requirement makes App Stack unavoidable. Which one of these is it?",
    "Which one of these requirements rules out every architecture that runs on Mesh alone?",
    "Only one of these requirements forces App Stack on top of Mesh. Which one?",
)
APP_STACK_QUESTIONS = len(ASKED)

NEEDS_APP_STACK = Requirement("has", "app-stack", "needs")
MESH_ALONE = Requirement("lacks", "app-stack", "needs")


def _pick(needs: list[Need], count: int, *seed: str) -> list[Need]:
    return sorted(needs, key=lambda n: digest(*seed, n.id))[:count]


def moves(kb: KB) -> Iterator[Draft]:
    """Asks "A team moves from vK8s to mK8s: which of these can it do only after the move?"."""
    checks = checks_table(kb)
    for a, b in permutations(kb.architectures, 2):
        gained = [n for n in NEEDS if checks[(n.id, a.id)].state == "no" and checks[(n.id, b.id)].state == "yes"]
        lost = [n for n in NEEDS if checks[(n.id, a.id)].state == "yes" and checks[(n.id, b.id)].state == "no"]
        if not gained or not lost:
            continue
        right, wrong = _pick(gained, GAINS, a.id, b.id), _pick(lost, COSTS, b.id, a.id)
        yield _move(kb, a, b, right, wrong, checks)


def _move(kb: KB, a: Architecture, b: Architecture, right: list[Need], wrong: list[Need], checks: dict) -> Draft:  # type: ignore[type-arg]
    facts = tuple(dict.fromkeys(f for n in right + wrong for x in (a, b) for f in checks[(n.id, x.id)].facts))
    gains = " ".join(dict.fromkeys(fact_says(kb, b, checks[(n.id, b.id)], n) for n in right))
    return Draft(
        template="move",
        keys=(a.id, b.id),
        facts=facts,
        kind="multiple",
        text=f"Switching from {reading(a, kb)} to {reading(b, kb)}: which of these requirements can be met only "
        f"after the switch?{ALL_THAT_APPLY}",
        correct=tuple(_as_choice(n) for n in right),
        wrong=tuple(_as_choice(n) for n in wrong),
        explanation=f"{reading(b, kb, True)} meets them and {reading(a, kb)} does not. {gains}",
        topic="architectures",
        difficulty="hard",
        architectures=(a.id, b.id),
        teaches=urls.COMPARISON,
        level="analysis",
        feedback={
            _as_choice(n): f"The switch gives up “{n.clause}”: {reading(b, kb)} fails it "
            f"({lower_first(fact_says(kb, b, checks[(n.id, b.id)], n).rstrip('.'))})."
            for n in wrong
        },
    )


def _as_choice(need: Need) -> str:
    return need.clause[:1].upper() + need.clause[1:]


def app_stack(kb: KB) -> Iterator[Draft]:
    """Asks "Which one of these requirements alone means you need App Stack, not only Mesh?"."""
    checks = checks_table(kb)
    forcing, mesh_ok = [], []
    for n in NEEDS:
        meeting = [a for a in kb.architectures if checks[(n.id, a.id)].state == "yes"]
        if not meeting:
            continue
        if all(check(kb, a, NEEDS_APP_STACK).state == "yes" for a in meeting):
            forcing.append(n)
        elif any(check(kb, a, MESH_ALONE).state == "yes" for a in meeting) and n.id != "mesh-only":
            mesh_ok.append(n)
    if len(mesh_ok) < 3:
        return
    for asked, need in zip(ASKED, _pick(forcing, APP_STACK_QUESTIONS, "app-stack"), strict=False):
        wrong = _pick(mesh_ok, 3, "app-stack", need.id)
        feedback = {}
        for n in wrong:
            a = next(
                x
                for x in kb.architectures
                if checks[(n.id, x.id)].state == "yes" and check(kb, x, MESH_ALONE).state == "yes"
            )
            feedback[_as_choice(n)] = (
                f"{reading(a, kb, True)} meets it on Mesh alone: {fact_says(kb, a, checks[(n.id, a.id)], n)}"
            )
        meeting = [a for a in kb.architectures if checks[(need.id, a.id)].state == "yes"]
        facts = tuple(
            dict.fromkeys(
                [
                    f
                    for n in [need, *wrong]
                    for a in kb.architectures
                    if checks[(n.id, a.id)].state != "unknown"
                    for f in checks[(n.id, a.id)].facts
                ]
                + [a.fields["needs"] for a in kb.architectures if "needs" in a.fields]
            )
        )
        names = " and ".join(short_name(a, kb) for a in meeting)
        yield Draft(
            template="forces-app-stack",
            keys=(need.id,),
            facts=facts,
            kind="single",
            text=asked,
            correct=(_as_choice(need),),
            wrong=tuple(_as_choice(n) for n in wrong),
            explanation=f"Only {names} meet “{need.clause}”, and "
            + ("it needs" if len(meeting) == 1 else "both need")
            + " App Stack on top of Mesh. The other requirements can be met by an architecture that needs Mesh alone.",
            topic="architectures",
            difficulty="hard",
            architectures=tuple(a.id for a in meeting),
            teaches=urls.COMPARISON,
            level="analysis",
            feedback=feedback,
        )


TEMPLATES = (moves, app_stack)


def drafts(kb: KB) -> Iterator[Draft]:
    """Every analysis draft of ``kb`` (none on a KB too large to set side by side)."""
    if not 2 <= kb.architecture_count() <= 8:
        return
    for template in TEMPLATES:
        yield from template(kb)
