"""Misconception questions: a colleague states a common false belief; which correction is right?

The beliefs are built from the facts that make them false, so the key is computed:

* *history*: a field's value before it changed ("the Secure K8s Gateway exposes NodePort Services
  only"), corrected by what it has been since;
* *exposure conditions and the CNI table*: "since October 2023 the gateway exposes ClusterIP
  Services, so a cluster with kubenet is covered", corrected by the row's condition (the CE outside
  the cluster must reach the pods);
* *"only X"*: one value of a list-valued field taken for all of it ("vK8s runs only on REs").

Each question offers the correction (the key), "it holds" and an over-correction, and says why each
wrong one fails. A statement that rests on a dated comment is given "as of" that date.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import urls
from ..kb.model import KB, Architecture, CNIRow, Fact
from .evidence import Draft, digest, join, reading, spoken_date, trusted
from .from_architectures import said

#: The choice that accepts the belief.
HOLDS = "It holds as stated."

#: How "only one value" beliefs read, per list-valued field: (belief, correction).
ONLY = {
    "placement": ("The XC part of {arch} runs only {value}.", "Not only: also {values}."),
    "api_access": ("In {arch} you work only against the {value}.", "Not only: also the {values}."),
    "exposes_to": ("{arch} can expose Services only to {value}.", "Not only: also to {values}."),
    "setup": ("Setting up {arch} takes one step only: {value}.", "Not only that: also {values}."),
}

#: The "it holds" choice of each "only X" belief, as specific as the belief (so it is no shorter cue).
HOLDS_ONLY = {
    "placement": "It holds: the XC part of {arch} runs {value} and nowhere else.",
    "api_access": "It holds: in {arch} the {value} is the one API you work against.",
    "exposes_to": "It holds: {arch} exposes Services to {value} and to no one else.",
    "setup": "It holds: {value} is the whole setup of {arch}.",
}

NUMBERS = {2: "two", 3: "three", 4: "four"}


def as_of(kb: KB, fact: Fact) -> str:
    """ " (as of ...)" for a fact that rests on a dated comment, else ""."""
    cite = fact.main_cite
    source = kb.sources.get(cite.source) if cite else None
    if source is None or source.kind != "comment":
        return ""
    if fact.as_of or source.date:
        return f" (as of {spoken_date(str(fact.as_of or source.date))})"
    return f" (as of the reader comments, not before {spoken_date(source.not_before)})" if source.not_before else ""


def ask(belief: str) -> str:
    return f"A colleague claims: “{belief}” What is right?"


def plural(kb: KB, values: tuple | list) -> str:  # type: ignore[type-arg]
    """ "NodePort Services and ClusterIP Services" from the labels "NodePort Service", "ClusterIP Service"."""
    return join([kb.label(v) + ("s" if kb.label(v).endswith("Service") else "") for v in values])


def history(kb: KB) -> Iterator[Draft]:
    """Beliefs that were true until a field changed: what a Service type list said before."""
    for arch in kb.architectures:
        fact = arch.fields.get("service_types")
        if fact is None or fact.confidence == "low" or not fact.since:
            continue
        for entry in fact.history:
            old = entry.value if isinstance(entry.value, tuple) else (entry.value,)
            added = [v for v in fact.value if v not in old]
            if added and old:
                yield _history(kb, arch, fact, old, added, entry.until, entry.text or "")


def _history(kb: KB, arch: Architecture, fact: Fact, old: tuple, added: list, until: str, text: str) -> Draft:  # type: ignore[type-arg]
    olds, news = plural(kb, old), plural(kb, added)
    conditions = [c for c in arch.exposure_conditions if c.value in added and trusted(c)]
    condition = f" {first_sentence(conditions[0].text or '')}" if conditions else ""
    key = f"Not since {spoken_date(until)}: it can expose {news} too, under a condition."
    never = f"It never held: it could expose {news} from the start."
    return Draft(
        template="misconception-history",
        keys=(arch.id, until),
        facts=(fact, *conditions),
        kind="single",
        text=ask(f"{reading(arch, kb, True)} can expose {olds} only."),
        correct=(key,),
        wrong=(HOLDS, never),
        explanation=f"Until {spoken_date(until)} the sources limited it to {olds}; since then {news} too.{condition}",
        topic="history",
        difficulty="medium",
        architectures=(arch.id,),
        level="misconception",
        feedback={
            HOLDS: f"That was so until {spoken_date(until)}. Since then it can expose {news} as well.",
            never: text or f"Until {spoken_date(until)} it was limited to {olds}.",
        },
    )


def first_sentence(text: str) -> str:
    head, dot, _ = text.partition(". ")
    return head + "." if dot else text


#: The row values a "so this cluster is covered" belief is asked for, and the level it then tests.
COVERED = {"no": "misconception", "conditional": "misconception", "yes": "application"}


def covered(kb: KB) -> Iterator[Draft]:
    """ "Since October 2023 it exposes ClusterIP, so kubenet is covered": one per CNI row, corrected
    by the row (a row that says yes makes the belief hold, so "it holds" is sometimes the key)."""
    table = kb.cni_table
    if table is None:
        return
    thread = next((t for t in kb.threads if t.id == table.thread), None)
    for arch in kb.architectures:
        if thread is None or arch.id not in thread.architectures:
            continue
        fact = arch.fields.get("service_types")
        conds = [c for c in arch.exposure_conditions if trusted(c) and c.value == "clusterip"]
        if fact is None or not fact.since or not conds:
            continue
        for row in table.rows:
            if trusted(row.fact) and row.fact.value in COVERED:
                yield _covered(kb, arch, fact, conds[0], row)


def _covered(kb: KB, arch: Architecture, fact: Fact, cond: Fact, row: CNIRow) -> Draft:
    since = spoken_date(str(fact.since))
    platform = "" if row.platform.startswith("Any ") else f" on {row.platform}"
    belief = f"Since {since}, {reading(arch, kb)} exposes ClusterIP Services, so “{row.setup}”{platform} is covered."
    dated = as_of(kb, row.fact)
    condition = (row.condition or "").rstrip(".")
    corrections = {
        "no": f"No: {condition}. The CE must reach the pods themselves.",
        "conditional": (condition if condition.startswith("Only") else f"Only under a condition: {condition}") + ".",
        "yes": HOLDS,
    }
    key = corrections[str(row.fact.value)]
    holds_anyway = (
        f"It holds whatever the setup: with “{row.setup}” or not, ClusterIP support needs no route to the pods."
    )
    nodeport_only = f"No: with “{row.setup}” it can expose NodePort Services only."
    wrong = [holds_anyway, nodeport_only] if key == HOLDS else [HOLDS, nodeport_only]
    reach = {"no": "does not let it", "conditional": "lets it only under a condition", "yes": "lets it"}
    feedback = {
        HOLDS: "The CNI matters: the CE outside the cluster must route to the pods, "
        f"and “{row.setup}” {reach[str(row.fact.value)]}.",
        holds_anyway: f"It holds, but because of the CNI: {condition[:1].lower()}{condition[1:]}.",
        nodeport_only: f"Since {since} it can expose ClusterIP Services too, whenever the CE can reach the pods.",
    }
    return Draft(
        template="misconception-cni",
        keys=(arch.id, row.fact.id),
        facts=(row.fact, cond),
        kind="single",
        text=ask(belief),
        correct=(key,),
        wrong=tuple(wrong),
        explanation=f"ClusterIP support needs routable pods: the CE sits outside the cluster and sends traffic to the "
        f"pod addresses. “{row.setup}”: {reach[str(row.fact.value)]}{dated}.",
        topic="exposure",
        difficulty="hard",
        architectures=(arch.id,),
        teaches=urls.QA,
        level=COVERED[str(row.fact.value)],  # type: ignore[arg-type]
        feedback={w: feedback[w] for w in wrong},
    )


def only(kb: KB) -> Iterator[Draft]:
    """ "vK8s runs only on REs": one value of a list-valued field taken for all of it."""
    for name, (belief, correction) in ONLY.items():
        for arch in kb.architectures:
            fact = arch.fields.get(name)
            if not trusted(fact) or fact is None or not isinstance(fact.value, tuple) or len(fact.value) < 2:
                continue
            one = sorted(fact.value, key=lambda v: digest("only", arch.id, v))[0]
            other = next(
                (
                    a
                    for a in kb.architectures
                    if a.id != arch.id
                    and trusted(a.fields.get(name))
                    and isinstance(a.value(name), tuple)
                    and a.value(name)
                    and not set(a.value(name)) & set(fact.value)
                ),
                None,
            )
            if other is not None:
                yield _only(kb, arch, fact, other, name, one, belief, correction)


def _only(
    kb: KB, arch: Architecture, fact: Fact, other: Architecture, name: str, one: str, belief: str, correction: str
) -> Draft:
    values = join([said(kb, name, v) for v in fact.value])
    rest = join([said(kb, name, v) for v in fact.value if v != one])
    theirs = join([said(kb, name, v) for v in other.value(name)])
    key = correction.format(values=rest)
    swap = f"No: {theirs}."
    holds = HOLDS_ONLY[name].format(arch=reading(arch, kb), value=said(kb, name, one))
    stated = belief.format(arch=reading(arch, kb), value=said(kb, name, one))
    return Draft(
        template=f"misconception-only-{name}",
        keys=(arch.id, one),
        facts=(fact, other.fields[name]),
        kind="single",
        text=ask(stated[:1].upper() + stated[1:]),
        correct=(key,),
        wrong=(holds, swap),
        explanation=f"{reading(arch, kb, True)}: {values}. Taking one of them for all is the mistake.",
        topic="exposure" if name == "exposes_to" else "architectures",
        difficulty="medium",
        architectures=(arch.id,),
        level="misconception",
        feedback={
            holds: f"That is one of {NUMBERS.get(len(fact.value), str(len(fact.value)))}: {values}.",
            swap: f"That is {reading(other, kb)}, not {reading(arch, kb)}.",
        },
    )


TEMPLATES = (history, covered, only)


def drafts(kb: KB) -> Iterator[Draft]:
    """Every misconception draft of ``kb``."""
    for template in TEMPLATES:
        yield from template(kb)
