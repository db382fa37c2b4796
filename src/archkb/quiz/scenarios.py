"""Scenario questions: a situation of two or three requirements that exactly one architecture meets.

The requirements are those the decision guide asks about (hosting, where XC runs, scope, the XC
services needed, discovery, setup, API access, capabilities and the vK8s guard rails), each written
as a clause of a situation. :mod:`archkb.kb.requirements` decides every architecture against every
clause in three values, so the key is computed: a set is asked only when one architecture meets
every requirement on stated facts and every other fails one of them on a stated fact (a fact the
sources leave open never rules an architecture out). Every clause counts: each rules out some
other architecture, and no two rule out the same ones. The feedback on each wrong architecture
names the requirement it fails and the fact that rules it out.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations

from .. import urls
from ..kb.model import KB, Architecture
from ..kb.requirements import Check, Requirement, Verdict, check, values_of, verdict_of, verdicts
from .evidence import PLACED, Draft, digest, join, reading, short_name
from .from_architectures import lower_first

#: Scenario questions asked per architecture at most (each architecture is the key of as many).
PER_KEY = 18


@dataclass(frozen=True)
class Need:
    """A requirement as a clause of a situation ("XC must run the workloads itself")."""

    id: str
    clause: str
    requirement: Requirement


def _field(field: str, kind: str, value: object) -> Requirement:
    return Requirement(kind, value, field)  # type: ignore[arg-type]


#: The requirements scenarios combine. A clause never names an architecture or its words
#: ("site", "Kubernetes", "virtual", "managed"), so the stem shares no word with one choice only.
NEEDS: tuple[Need, ...] = (
    Need("hosted", "XC must run the workloads itself", _field("hosts_workloads", "is", True)),
    Need(
        "kept",
        "the workloads keep running in a cluster the team already operates",
        _field("hosts_workloads", "is", False),
    ),
    Need(
        "outside",
        "XC's node must stay next to the cluster, with nothing of XC inside it",
        _field("placement", "has", "ce-outside-cluster"),
    ),
    Need(
        "inside",
        "no extra machine may be added, so XC must run as pods inside the cluster",
        _field("placement", "has", "pods-in-cluster"),
    ),
    Need(
        "premises",
        "XC must run the whole cluster at the company's own site",
        _field("placement", "has", "at-your-site"),
    ),
    Need(
        "no-infra",
        "the pods must run on F5's Regional Edges, in a region where the company owns no infrastructure",
        _field("placement", "has", "on-re"),
    ),
    Need(
        "own-ces",
        "the same pods must also be placed on the company's own CE virtual machines",
        _field("placement", "has", "on-ce"),
    ),
    Need(
        "one-namespace",
        "the platform group hands teams a single namespace, never a cluster",
        _field("scope", "has", "scope-namespace"),
    ),
    Need("no-k8s", "XC must not run any part of the team's container platform", _field("scope", "has", "scope-none")),
    Need(
        "alongside",
        "XC must work alongside the existing cluster, from outside it",
        _field("relation", "has", "integrates-with-cluster"),
    ),
    Need(
        "within", "XC must become part of the existing cluster itself", _field("relation", "has", "runs-inside-cluster")
    ),
    Need(
        "platform",
        "XC must be the container platform, not an add-on to one",
        _field("relation", "has", "xc-is-platform"),
    ),
    Need(
        "manifest",
        "installing XC should come down to applying one manifest",
        _field("setup", "has", "apply-site-manifest"),
    ),
    Need(
        "own-api",
        "the team keeps working against its own cluster's API server",
        _field("api_access", "has", "your-cluster-api"),
    ),
    Need(
        "hosted-api",
        "the team works through a kubeconfig issued by XC for XC's hosted API",
        _field("api_access", "has", "hosted-api"),
    ),
    Need(
        "no-premises",
        "the company has no premises of its own to run a cluster on",
        _field("placement", "lacks", "at-your-site"),
    ),
    Need(
        "whole", "the team needs a whole cluster to itself, not one namespace", _field("scope", "has", "scope-cluster")
    ),
    Need("mesh-only", "the licence covers Mesh only, not App Stack", _field("needs", "lacks", "app-stack")),
    Need(
        "dns",
        "XC should find the back ends by their in-cluster DNS names",
        _field("discovery", "has", "in-cluster-dns"),
    ),
    Need(
        "api-server",
        "XC should learn the back ends from the cluster's API server, with a ServiceAccount's kubeconfig",
        _field("discovery", "has", "api-server-discovery"),
    ),
    Need(
        "ingress",
        "XC should be the cluster's ingress controller and add application security to it",
        Requirement("can", "ingress-controller-app-security"),
    ),
    Need(
        "lifecycle",
        "XC should deploy, manage and upgrade the cluster's infrastructure",
        Requirement("can", "manage-k8s-lifecycle"),
    ),
    Need("root", "the container image runs as root", Requirement("can", "run-root-containers")),
    Need("port", "the web server binds port 443", Requirement("can", "bind-privileged-ports")),
    Need("operator", "a database operator installs its own CRDs and ClusterRoles", Requirement("can", "run-operators")),
    Need("crds", "the team installs its own CRDs", Requirement("can", "create-crds")),
    Need("clusterroles", "the team defines its own ClusterRoles", Requirement("can", "create-clusterroles")),
    Need(
        "psp",
        "the cluster's pod rules are written as PodSecurityPolicies",
        Requirement("can", "create-podsecuritypolicies"),
    ),
    Need("host-net", "a monitoring agent attaches to the node's host network", Requirement("can", "use-host-network")),
    Need("namespaces", "the team creates one namespace per environment", Requirement("can", "create-namespaces")),
    Need(
        "local-api",
        "an API endpoint on the premises must answer kubectl",
        _field("api_access", "has", "local-api-endpoint"),
    ),
    Need(
        "vms",
        "the same platform must also run virtual machines and GPU workloads",
        Requirement("can", "run-vms-and-gpus"),
    ),
)

#: How a situation opens, picked by a stable hash of its requirements.
LEADS = (
    "A team plans its next service",
    "A retailer is moving an application",
    "A bank's platform group has a new request",
    "A start-up wants to go live quickly",
    "A factory's IT team describes its project",
    "A media company is planning a launch",
)

#: How an architecture's field reads in feedback, completed by the values it holds.
FIELD_SAYS = {
    "placement": "its XC part runs {values}",
    "scope": "it gives you {values}",
    "needs": "it needs {values}",
    "discovery": "XC finds Services there {values}",
    "api_access": "you work there against {values}",
    "setup": "to set it up, you {values}",
    "relation": "{values}",
}

#: Values as they read inside those sentences; any other value reads as its vocabulary label.
PHRASES = {
    **PLACED,
    "scope-namespace": "one namespace",
    "scope-cluster": "a whole cluster",
    "scope-none": "no Kubernetes of its own (you keep your own cluster)",
    "your-cluster-api": "your own cluster's API server",
    "hosted-api": "the API server XC hosts",
    "local-api-endpoint": "a local API endpoint at your site",
    "integrates-with-cluster": "XC works alongside your cluster, from outside it",
    "runs-inside-cluster": "XC runs inside your cluster",
    "xc-is-platform": "XC is the Kubernetes platform itself",
}


def fact_says(kb: KB, arch: Architecture, check: Check, need: Need) -> str:
    """What the deciding fact says about ``arch``, as a sentence."""
    req = need.requirement
    if req.kind == "can":
        if check.restrictions and check.state == "no":
            return str(check.restrictions[0].fact.value)
        listed = [f.text for f in check.facts if f.text and f.subject == arch.id]
        return listed[0] if listed else "; ".join(str(r.fact.value) for r in check.restrictions[:1])
    fact = check.facts[0]
    if req.field == "hosts_workloads":
        said = "XC runs your workloads there" if fact.value is True else "XC runs none of your workloads there"
    else:
        labels = [
            PHRASES.get(str(v), kb.label(str(v)) if req.field == "needs" else lower_first(kb.label(str(v))))
            for v in values_of(fact)
            if not isinstance(v, bool)
        ]
        said = FIELD_SAYS.get(req.field, "{values}").format(values=join(labels))
    return f"{said[:1].upper()}{said[1:]}."


def singles_out(results: list[Verdict]) -> str | None:
    """The one architecture every requirement holds for, when every other fails one on a stated fact."""
    yes = [v.architecture for v in results if v.state == "yes"]
    if len(yes) != 1 or any(v.state != "no" for v in results if v.architecture != yes[0]):
        return None
    return yes[0]


def every_clause_counts(results: list[Verdict], key: str) -> bool:
    """Whether each clause rules out some other architecture, and no two rule out the same ones
    (two clauses that say the same thing in other words teach nothing more)."""
    ruled_out = [
        frozenset(v.architecture for v in results if v.architecture != key and v.checks[k].state == "no")
        for k in range(len(results[0].checks))
    ]
    return all(ruled_out) and len(set(ruled_out)) == len(ruled_out)


def checks_table(kb: KB) -> dict[tuple[str, str], Check]:
    """(clause id, architecture id) -> how that architecture stands against that clause, every pair once."""
    return {(n.id, a.id): check(kb, a, n.requirement) for n in NEEDS for a in kb.architectures}


def combined(archs: Sequence[str], table: dict[tuple[str, str], Check], needs: Sequence[Need]) -> list[Verdict]:
    """The verdicts of a set of clauses, from each clause's checks worked out once."""
    return [verdict_of(aid, tuple(table[(n.id, aid)] for n in needs)) for aid in archs]


def candidates(kb: KB) -> dict[str, list[tuple[Need, ...]]]:
    """Every set of two or three clauses that singles out one architecture, each clause counting, by
    that architecture."""
    archs = kb.architecture_ids()
    table = checks_table(kb)
    found: dict[str, list[tuple[Need, ...]]] = {}
    yes = {n.id: frozenset(a for a in archs if table[(n.id, a)].state == "yes") for n in NEEDS}
    useful = [n for n in NEEDS if yes[n.id]]
    for size in (2, 3):
        for needs in combinations(useful, size):
            if len(frozenset.intersection(*(yes[n.id] for n in needs))) != 1:
                continue  # a quick look first: exactly one architecture meets them all
            results = combined(archs, table, needs)
            key = singles_out(results)
            if key is not None and every_clause_counts(results, key):
                found.setdefault(key, []).append(needs)
    return found


def situation(needs: Sequence[Need]) -> str:
    lead = LEADS[int(digest("lead", *(n.id for n in needs)), 16) % len(LEADS)]
    return (
        f"{lead}. Its requirements: {'; '.join(n.clause for n in needs)}. Which architecture meets every requirement?"
    )


def scenario(kb: KB, needs: tuple[Need, ...], key: str) -> Draft:
    """The scenario question for a set of clauses that singles out ``key``."""
    results = verdicts(kb, [n.requirement for n in needs])
    by_arch = {v.architecture: v for v in results}
    winner = kb.architecture(key)
    feedback = {}
    for v in results:
        if v.architecture == key:
            continue
        arch = kb.architecture(v.architecture)
        k = v.failing()[0]
        feedback[short_name(arch, kb)] = (
            f"{reading(arch, kb, True)} fails “{needs[k].clause}”: {fact_says(kb, arch, v.checks[k], needs[k])}"
        )
    why = " ".join(dict.fromkeys(fact_says(kb, winner, c, n) for c, n in zip(by_arch[key].checks, needs, strict=True)))
    facts = tuple(dict.fromkeys(f for v in results for c in v.checks if c.state != "unknown" for f in c.facts))
    return Draft(
        template="scenario",
        keys=tuple(sorted(n.id for n in needs)),
        facts=facts,
        kind="single",
        text=situation(needs),
        correct=(short_name(winner, kb),),
        wrong=tuple(short_name(a, kb) for a in kb.architectures if a.id != key),
        explanation=f"Only {reading(winner, kb)} meets them all. {why}",
        topic="architectures",
        difficulty="medium" if len(needs) == 2 else "hard",
        architectures=tuple(a.id for a in kb.architectures),
        teaches=urls.architecture_page(key),
        level="application",
        feedback=feedback,
    )


def drafts(kb: KB) -> Iterator[Draft]:
    """Up to :data:`PER_KEY` scenarios per architecture, a stable pick, two-clause ones first."""
    if not 2 <= kb.architecture_count() <= 8:
        return  # scenarios compare the architectures side by side; a large KB is asked group by group elsewhere
    for key, sets in candidates(kb).items():
        ranked = sorted(sets, key=lambda needs: (len(needs), digest("scenario", *(n.id for n in needs))))
        for needs in ranked[:PER_KEY]:
            yield scenario(kb, needs, key)
