"""Labels of the architecture fields, as pages show them.

Fields that draw from a vocabulary group take the group's label from the KB; the few that do not
(booleans, concept lists, text lists) have a label here, next to the schema field it names.
"""

from __future__ import annotations

from ..kb.model import KB

#: Architecture field -> the vocabulary group its terms come from.
FIELD_GROUPS = {
    "needs": "xc_service",
    "relation": "relation",
    "placement": "placement",
    "exposes_to": "audience",
    "discovery": "discovery",
    "setup": "setup",
    "api_access": "api_access",
    "scope": "scope",
    "capabilities": "capability",
    "traffic_controls": "traffic_control",
}

#: Labels of fields that have no vocabulary group.
FIELD_LABELS = {
    "summary": "Summary",
    "service_types": "Kubernetes Service types it exposes",
    "hosts_workloads": "XC hosts your workloads",
    "hosted_api_can_be_disabled": "Hosted API server can be turned off",
    "exposure_conditions": "Conditions for exposing a Service type",
    "how_it_works": "How it works",
    "use_cases": "Use cases",
    "advantages": "Advantages",
    "limits": "Limits",
    "definition": "Definition",
    "restriction": "Restriction",
    "question": "Question",
    "answer": "Answer",
    "reachable": "Reachable from a CE outside the cluster",
}

#: Glossary categories (the ``category`` enum of the concepts schema), in page order.
CATEGORY_LABELS = {
    "xc-platform": "F5 XC platform",
    "xc-service": "F5 XC services",
    "kubernetes": "Kubernetes",
    "networking": "Networking",
}

#: Source kinds (the ``kind`` enum of the sources schema).
SOURCE_KIND_LABELS = {
    "article": "Article",
    "comment": "Reader comment",
    "official-doc": "Official documentation",
    "blog": "Blog or community guide",
}


def field_label(kb: KB, name: str) -> str:
    """The label of an architecture field: its vocabulary group's label, else the table above."""
    group = FIELD_GROUPS.get(name)
    if group and group in kb.vocabulary:
        return kb.vocabulary[group].label
    return FIELD_LABELS.get(name, name.replace("_", " ").capitalize())
