"""Troubleshooting questions: a symptom on the Secure K8s Gateway and its cause, from the facts.

Discovery and traffic take different paths: the CE learns Services and endpoints from the cluster's
API server, but sends traffic to the endpoints themselves. So "the endpoints are listed but requests
time out" points at reachability, and the exposure conditions and the CNI table say which:

* a ClusterIP Service behind a CNI setup the table marks "no": the row's reason is the cause;
* a NodePort Service: the NodePort range between the CE and the nodes (the NodePort condition).

The wrong causes are facts that hold elsewhere (another setup's reason, the other Service type's
condition) or one the symptom itself rules out (discovery works, so the API access is fine).
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import urls
from ..kb.model import KB, Architecture, CNIRow, Fact
from .evidence import Draft, digest, reading, trusted
from .misconceptions import as_of

#: A cause the symptom rules out: the CE did read the API server.
API_ACCESS = "The ServiceAccount's kubeconfig lacks the rights to read the cluster's Services"
API_ACCESS_WHY = (
    "Discovery works (the endpoints are listed), so the CE reads the API server fine; the traffic is what fails."
)


#: A cause the symptom rules out: the pods are healthy.
NOT_READY = "The NodePort Service's pods are not ready, so it has no endpoints"


def echoed(draft: Draft) -> bool:
    """Whether the stem shares a word with the key that no wrong choice shares (the key would be
    guessable from the setup's name alone); such a question is not asked."""
    stem = _words(draft.text)
    key = _words(draft.correct[0]) & stem
    return bool(key - set().union(*(_words(w) for w in draft.wrong)))


def _words(text: str | None) -> set[str]:
    return {w.strip(".,;()“”").lower() for w in (text or "").split() if len(w) > 3}


def gateway_conditions(arch: Architecture) -> dict[str, Fact]:
    """Service type -> the trusted exposure condition of ``arch`` for it."""
    return {str(c.value): c for c in arch.exposure_conditions if trusted(c)}


def clusterip_timeouts(kb: KB) -> Iterator[Draft]:
    """Endpoints listed, requests time out, the cluster's CNI setup given: the table's reason."""
    table = kb.cni_table
    if table is None:
        return
    thread = next((t for t in kb.threads if t.id == table.thread), None)
    rows = [r for r in table.rows if trusted(r.fact) and r.fact.value == "no" and r.condition]
    for arch in kb.architectures:
        conds = gateway_conditions(arch)
        if thread is None or arch.id not in thread.architectures or not {"clusterip", "nodeport"} <= set(conds):
            continue
        for row in rows:
            others = [r for r in rows if r is not row]
            # a stable pick by ids only: the choices never depend on the wording of the KB's text
            ranked = sorted(others, key=lambda r: digest("cause", row.fact.id, r.fact.id))
            other = ranked[0] if ranked else None
            draft = _clusterip(kb, arch, row, other, conds)
            if not echoed(draft):
                yield draft


def _clusterip(kb: KB, arch: Architecture, row: CNIRow, other: CNIRow | None, conds: dict[str, Fact]) -> Draft:
    nodeport = conds["nodeport"]
    cause = f"{(row.condition or '').rstrip('.')}{as_of(kb, row.fact)}."
    wrong = {
        API_ACCESS: API_ACCESS_WHY,
        str(
            nodeport.text
        ): "That is the condition for NodePort Services; a ClusterIP Service is reached at its pods' addresses.",
    }
    if other is not None and other.condition and other.condition != row.condition:
        wrong[other.condition] = f"That is the reason with “{other.setup}”, not with “{row.setup}”."
    platform = "" if row.platform.startswith("Any ") else f" on {row.platform}"
    return Draft(
        template="troubleshoot-clusterip",
        keys=(arch.id, row.fact.id),
        facts=(row.fact, conds["clusterip"], nodeport),
        kind="single",
        text=f"{reading(arch, kb, True)} lists the endpoints of a ClusterIP Service it discovered through the API "
        f"server, but requests to them get no answer. The cluster{platform} runs “{row.setup}”. "
        "What is the most likely cause?",
        correct=(cause,),
        wrong=tuple(wrong),
        explanation="Discovery goes through the API server, but traffic goes from the CE outside the cluster to the "
        "pods, which must be routable from it. A workaround: an ingress controller exposed through a NodePort Service.",
        topic="exposure",
        difficulty="hard",
        architectures=(arch.id,),
        teaches=urls.QA,
        level="analysis",
        feedback=wrong,
    )


def nodeport_timeouts(kb: KB) -> Iterator[Draft]:
    """A NodePort Service listed but unreachable: the NodePort range between the CE and the nodes."""
    for arch in kb.architectures:
        conds = gateway_conditions(arch)
        if not {"clusterip", "nodeport"} <= set(conds):
            continue
        nodeport, clusterip = conds["nodeport"], conds["clusterip"]
        wrong = {
            API_ACCESS: API_ACCESS_WHY,
            str(
                clusterip.text
            ): "Routable pods matter for ClusterIP back ends; a NodePort Service is reached at the node addresses.",
            NOT_READY: "The pods are healthy and discovery lists them, "
            "so the NodePort Service has endpoints to send to.",
        }
        yield Draft(
            template="troubleshoot-nodeport",
            keys=(arch.id,),
            facts=(nodeport, clusterip),
            kind="single",
            text=f"{reading(arch, kb, True)} lists a NodePort Service it discovered through the API server, but "
            "requests to it get no answer, while the pods themselves are healthy. What is the most likely cause?",
            correct=(str(nodeport.text),),
            wrong=tuple(wrong),
            explanation="A NodePort Service is reached at the nodes' addresses on its port, so with healthy pods "
            "it is the path from the CE to the nodes that fails.",
            topic="exposure",
            difficulty="medium",
            architectures=(arch.id,),
            teaches=urls.architecture_page(arch.id),
            level="analysis",
            feedback=wrong,
        )


TEMPLATES = (clusterip_timeouts, nodeport_timeouts)


def drafts(kb: KB) -> Iterator[Draft]:
    """Every troubleshooting draft of ``kb``."""
    for template in TEMPLATES:
        yield from template(kb)
