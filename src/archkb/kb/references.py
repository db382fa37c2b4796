"""Cross-file identity checks on parsed kb files: unique ids and references that resolve.

Which paths hold ids and which hold references is data (the tables below), not code per kind.
Section ids are scoped to their source and topology ids to their architecture; every other id
shares one namespace, so ``archkb show ID`` is never ambiguous.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from ..errors import Problem
from .reader import Document, PathKey

#: (kind, path pattern, target namespace). ``*`` matches any key or index, ``**`` any depth.
#: Targets: a namespace name, ``term:GROUP`` (a vocabulary group), ``term:*`` (any term) or
#: ``topology:nodes`` / ``topology:groups`` (scoped to the file).
REFERENCES: tuple[tuple[str, PathKey, str], ...] = (
    ("architecture", ("needs", "value", "*"), "term:xc_service"),
    ("architecture", ("relation", "value"), "term:relation"),
    ("architecture", ("placement", "value", "*"), "term:placement"),
    ("architecture", ("service_types", "**", "value", "*"), "concept"),
    ("architecture", ("exposure_conditions", "*", "service_type"), "concept"),
    ("architecture", ("exposure_conditions", "*", "qa"), "thread"),
    ("architecture", ("exposes_to", "value", "*"), "term:audience"),
    ("architecture", ("discovery", "value"), "term:discovery"),
    ("architecture", ("setup", "value", "*"), "term:setup"),
    ("architecture", ("api_access", "value", "*"), "term:api_access"),
    ("architecture", ("scope", "value"), "term:scope"),
    ("architecture", ("capabilities", "*", "term"), "term:capability"),
    ("architecture", ("traffic_controls", "*", "term"), "term:traffic_control"),
    ("architecture", ("topology", "groups", "*", "kind"), "term:group_kind"),
    ("architecture", ("topology", "groups", "*", "parent"), "topology:groups"),
    ("architecture", ("topology", "nodes", "*", "concept"), "concept"),
    ("architecture", ("topology", "nodes", "*", "group"), "topology:groups"),
    ("architecture", ("topology", "edges", "*", "from"), "topology:nodes"),
    ("architecture", ("topology", "edges", "*", "to"), "topology:nodes"),
    ("architecture", ("topology", "edges", "*", "kind"), "term:edge_kind"),
    ("concepts", ("concepts", "*", "related", "*"), "concept"),
    ("concepts", ("concepts", "*", "runs_on", "*"), "term:platform"),
    ("vocabulary", ("groups", "*", "terms", "*", "concept"), "concept"),
    ("restrictions", ("restrictions", "*", "applies_to", "*"), "architecture"),
    ("restrictions", ("restrictions", "*", "lifted_by", "*"), "architecture"),
    ("restrictions", ("restrictions", "*", "follows_from", "*"), "restriction"),
    ("restrictions", ("restrictions", "*", "blocks", "*"), "term:*"),
    ("sources", ("sources", "*", "in_reply_to"), "source"),
    ("qa", ("threads", "*", "architectures", "*"), "architecture"),
    ("qa", ("cni_table", "thread"), "thread"),
    ("questions", ("questions", "*", "architectures", "*"), "architecture"),
    ("*", ("**", "concepts", "*"), "concept"),
)

#: (kind, path pattern of an ``id`` value, namespace it defines).
DEFINITIONS: tuple[tuple[str, PathKey, str], ...] = (
    ("architecture", ("id",), "architecture"),
    ("concepts", ("concepts", "*", "id"), "concept"),
    ("restrictions", ("restrictions", "*", "id"), "restriction"),
    ("sources", ("sources", "*", "id"), "source"),
    ("qa", ("threads", "*", "id"), "thread"),
)

SCOPED = ("sections", "topology")


def match(data: Any, pattern: PathKey, prefix: PathKey = ()) -> Iterator[tuple[PathKey, Any]]:
    """Yield (path, value) for every node of ``data`` whose path matches ``pattern``."""
    if not pattern:
        yield prefix, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "**":
        for path, node in nodes(data, prefix):
            if not rest or isinstance(node, (dict, list)):
                yield from match(node, rest, path)
        return
    if isinstance(data, dict) and head != "*":
        if head in data:
            yield from match(data[head], rest, prefix + (head,))
        return
    children = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, child in children:
        if head == "*" or head == key:
            yield from match(child, rest, prefix + (key,))


def nodes(data: Any, prefix: PathKey = ()) -> list[tuple[PathKey, Any]]:
    """Every node of ``data`` with its path, ``data`` first, in document order (what ``**`` matches).

    One loop over a stack: matching ``**`` by recursion made a generator per node and pattern, the
    largest part of checking references.
    """
    found: list[tuple[PathKey, Any]] = []
    stack: list[tuple[PathKey, Any]] = [(prefix, data)]
    while stack:
        path, node = stack.pop()
        found.append((path, node))
        if isinstance(node, dict):
            stack += [(path + (key,), child) for key, child in reversed(node.items())]
        elif isinstance(node, list):
            stack += [(path + (index,), child) for index, child in reversed(list(enumerate(node)))]
    return found


def global_ids(doc: Document) -> Iterator[tuple[PathKey, str]]:
    """Every id the file defines in the shared namespace (all ``id`` keys outside scoped parts)."""
    for path, value in match(doc.data, ("**", "id")):
        if isinstance(value, str) and not any(part in SCOPED for part in path):
            yield path, value


def kind_of(doc: Document) -> str:
    return str(doc.data.get("kind")) if isinstance(doc.data, dict) else ""


def namespaces(docs: list[Document]) -> tuple[dict[str, set[str]], list[Problem]]:
    """Collect defined ids per namespace; report every id defined twice (both places named)."""
    seen: dict[str, tuple[Document, PathKey]] = {}
    names: dict[str, set[str]] = {"any": set()}
    problems = []
    for doc in docs:
        for path, ident in global_ids(doc):
            if ident in seen:
                first_doc, first_path = seen[ident]
                line, col = first_doc.where(first_path)
                problems.append(
                    doc.problem(path, f"duplicate id {ident!r}: already defined at {first_doc.path}:{line}:{col}")
                )
                continue
            seen[ident] = (doc, path)
            names["any"].add(ident)
        for kind, pattern, space in DEFINITIONS:
            if kind == kind_of(doc):
                names.setdefault(space, set()).update(v for _, v in match(doc.data, pattern) if isinstance(v, str))
        if kind_of(doc) == "vocabulary":
            for path, ident in match(doc.data, ("groups", "*", "terms", "*", "id")):
                names.setdefault(f"term:{path[1]}", set()).add(ident)
                names.setdefault("term:*", set()).add(ident)
    return names, problems


def check_references(doc: Document, names: dict[str, set[str]]) -> list[Problem]:
    """Every reference in one file that does not resolve, with close matches."""
    problems = []
    scoped = _topology_names(doc)
    for kind, pattern, space in REFERENCES:
        if kind not in ("*", kind_of(doc)):
            continue
        for path, value in match(doc.data, pattern):
            if not isinstance(value, str) or _in_scoped_id(path):
                continue
            known = scoped.get(space) if space.startswith("topology:") else names.get(space, set())
            if value not in (known or set()):
                problems.append(doc.problem(path, _unresolved(value, space, known or set())))
    problems += check_citations(doc, names)
    return problems


def _in_scoped_id(path: PathKey) -> bool:
    return bool(path) and path[-1] == "id"


def _topology_names(doc: Document) -> dict[str, set[str]]:
    topo = doc.data.get("topology") if isinstance(doc.data, dict) else None
    if not isinstance(topo, dict):
        return {}
    return {
        f"topology:{part}": {str(item.get("id")) for item in topo.get(part) or [] if isinstance(item, dict)}
        for part in ("nodes", "groups")
    }


def _unresolved(value: str, space: str, known: set[str]) -> str:
    what = {"term:*": "vocabulary term", "topology:nodes": "topology node", "topology:groups": "topology group"}.get(
        space, space.replace("term:", "term of group ")
    )
    close = difflib.get_close_matches(value, sorted(known), n=3, cutoff=0.6)
    hint = f" (close matches: {', '.join(close)})" if close else ""
    return f"unknown {what} {value!r}{hint}"


def check_citations(doc: Document, names: dict[str, set[str]]) -> list[Problem]:
    """Every ``cite`` that names a missing source or section."""
    problems = []
    sections = names.get("section", set())
    for path, value in match(doc.data, ("**", "cite")):
        for sub, citation in (
            [((), value)] if isinstance(value, str) else list(enumerate(value)) if isinstance(value, list) else []
        ):
            if not isinstance(citation, str) or "#" not in citation:
                continue
            source = citation.split("#", 1)[0]
            where = path + ((sub,) if sub != () else ())
            if source not in names.get("source", set()):
                problems.append(doc.problem(where, _unresolved(source, "source", names.get("source", set()))))
            elif citation not in sections:
                known = {s for s in sections if s.startswith(source + "#")}
                problems.append(
                    doc.problem(where, "unknown section in citation " + repr(citation) + _close(citation, known))
                )
    return problems


def _close(value: str, known: set[str]) -> str:
    close = difflib.get_close_matches(value, sorted(known), n=3, cutoff=0.6)
    return f" (close matches: {', '.join(close)})" if close else f" (sections: {', '.join(sorted(known))})"


def section_names(docs: list[Document]) -> set[str]:
    """``source#section`` for every section the sources define."""
    return {
        f"{source.get('id')}#{section.get('id')}"
        for doc in docs
        if kind_of(doc) == "sources"
        for source in doc.data.get("sources") or []
        if isinstance(source, dict)
        for section in source.get("sections") or []
        if isinstance(section, dict)
    }
