"""Rules that an architecture's topology (its diagram as data) agrees with its structured facts.

A diagram that contradicts the facts teaches the wrong thing: a Secure K8s Gateway CE drawn inside
the cluster box, a namespace-scoped architecture with no namespace, a discovery fact with no
discovery edge. Each rule reports at the fact the topology contradicts, so ``archkb validate``
says ``path:line:col`` like every other check. The rules know the vocabulary terms of the real KB
(:data:`CHECKED_TERMS`); a KB with terms of its own is not checked on those (the test suite checks
that every term the real KB uses has a rule).
"""

from __future__ import annotations

from ..errors import Problem
from .model import KB, Architecture, Topology

#: Most nodes one architecture's topology may have: graphviz lays out larger ones slowly and
#: nobody can read them (the real KB's largest has about 15).
MAX_NODES = 150

CE_CONCEPT = "customer-edge"

#: The placement, scope and discovery terms these rules check.
CHECKED_TERMS = {
    "placement": ("ce-outside-cluster", "pods-in-cluster", "on-re", "on-ce", "at-your-site"),
    "scope": ("scope-namespace", "scope-cluster", "scope-none"),
    "discovery": ("api-server-discovery", "in-cluster-dns", "native-platform"),
}


def _kinds_around(topo: Topology, group_id: str | None) -> list[str]:
    """The kinds of a group and of its ancestors, innermost first (stops at a cycle)."""
    groups = {g.id: g for g in topo.groups}
    kinds: list[str] = []
    seen: set[str] = set()
    while group_id and group_id in groups and group_id not in seen:
        seen.add(group_id)
        kinds.append(groups[group_id].kind)
        group_id = groups[group_id].parent
    return kinds


def _ce_nodes(arch: Architecture) -> list[str]:
    return [n.id for n in arch.topology.nodes if n.concept == CE_CONCEPT]


def placement_problems(kb: KB, arch: Architecture, term: str) -> list[str]:
    """What in ``arch``'s topology contradicts its placement ``term``."""
    topo = arch.topology
    node_group = {n.id: n.group for n in topo.nodes}
    ces = _ce_nodes(arch)
    if term == "ce-outside-cluster":
        inside = [n for n in ces if "cluster-group" in _kinds_around(topo, node_group[n])]
        return (["the diagram has no CE node"] if not ces else []) + [
            f"CE node {n!r} is drawn inside a cluster group" for n in inside
        ]
    if term == "pods-in-cluster":
        inside = [n for n in ces if "cluster-group" in _kinds_around(topo, node_group[n])]
        return [] if inside else ["no CE node is drawn inside a cluster group"]
    if term in ("on-re", "on-ce"):
        term_ = kb.term(term)
        concept = term_.concept if term_ else ""
        vocabulary = kb.vocabulary.get("group_kind")
        terms = vocabulary.terms if vocabulary else ()
        kinds = {t.id for t in terms if t.concept == concept} & {"re-group", "ce-group"}
        placed = [g for g in topo.groups if g.kind in kinds and "virtual-cluster-group" in _kinds_around(topo, g.id)]
        return [] if placed else [f"no {' or '.join(sorted(kinds)) or 'edge'} group is drawn inside a virtual cluster"]
    if term == "at-your-site":
        ok = [g for g in topo.groups if g.kind == "cluster-group" and "site-group" in _kinds_around(topo, g.parent)]
        return [] if ok else ["no cluster group is drawn inside a site group"]
    return []


def scope_problems(arch: Architecture) -> list[str]:
    """What in ``arch``'s topology contradicts its scope."""
    topo, scope = arch.topology, arch.value("scope")
    if scope is None:
        return []
    if scope == "scope-namespace":
        ok = [
            g
            for g in topo.groups
            if g.kind == "namespace-group" and "virtual-cluster-group" in _kinds_around(topo, g.parent)
        ]
        return [] if ok else ["the scope is a namespace, but no namespace group sits in a virtual-cluster group"]
    if scope == "scope-cluster":
        return (
            []
            if any(g.kind == "cluster-group" for g in topo.groups)
            else ["the scope is a cluster, but there is no cluster group"]
        )
    if scope == "scope-none":
        vcluster = any(g.kind == "virtual-cluster-group" for g in topo.groups)
        return ["the scope is none, but the diagram shows a virtual cluster"] if vcluster else []
    return []


def discovery_problems(kb: KB, arch: Architecture) -> list[str]:
    """What in ``arch``'s topology contradicts how it discovers Services."""
    topo, term = arch.topology, arch.value("discovery")
    if term is None or term == "native-platform":
        return []
    concept = {n.id: n.concept for n in topo.nodes}
    found = {(concept.get(e.source), concept.get(e.target)) for e in topo.edges if e.kind == "discovery"}
    if term == "api-server-discovery":
        api = {t.concept for t in (kb.term(a) for a in arch.value("api_access", ())) if t}
        ok = any(s == CE_CONCEPT and t in api for s, t in found)
        return (
            []
            if ok
            else [f"no discovery edge is drawn from the CE to the API server ({', '.join(sorted(map(str, api)))})"]
        )
    if term == "in-cluster-dns":
        term_ = kb.term(term)
        target = term_.concept if term_ else None
        return (
            []
            if any(s == CE_CONCEPT and t == target for s, t in found)
            else [f"no discovery edge is drawn from the CE to {target}"]
        )
    return []


def _at_fact(kb: KB, arch: Architecture, field: str, message: str) -> Problem:
    fact = kb.facts.get(f"{arch.id}.{field}")
    origin = fact.origin if fact else arch.origin
    return Problem(origin.path, origin.line, origin.col, f"topology of {arch.id!r} contradicts its {field}: {message}")


def topologies_agree_with_facts(kb: KB) -> list[Problem]:
    """Each architecture's topology shows its placement, scope and discovery as its facts state them."""
    problems = []
    for arch in kb.architectures:
        problems += [
            _at_fact(kb, arch, "placement", m)
            for t in arch.value("placement", ())
            for m in placement_problems(kb, arch, t)
        ]
        problems += [_at_fact(kb, arch, "scope", m) for m in scope_problems(arch)]
        problems += [_at_fact(kb, arch, "discovery", m) for m in discovery_problems(kb, arch)]
    return problems


def topologies_fit_a_diagram(kb: KB) -> list[Problem]:
    """No architecture's topology has more nodes than a diagram holds (MAX_NODES)."""
    return [
        Problem(
            a.origin.path,
            a.origin.line,
            a.origin.col,
            f"topology of {a.id!r} has {len(a.topology.nodes)} nodes; a diagram holds at most {MAX_NODES}",
        )
        for a in kb.architectures
        if len(a.topology.nodes) > MAX_NODES
    ]
