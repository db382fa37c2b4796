"""Which icon a diagram node gets: a mapping from concept id to an icon, with a generic fallback.

Kubernetes concepts use the ``diagrams`` package's Kubernetes icons, general ones its generic
icons, and the Regional Edge and Customer Edge use our own icons, shipped as plain image files in
``archkb/diagrams/assets/``. A concept missing here gets :data:`FALLBACK`, so a new concept in the
KB never breaks a diagram.

To add an icon: map the concept id to a ``diagrams`` node class below, or put a new image in
``archkb/diagrams/assets/`` and map the concept id to its file name (without extension) in
:data:`OWN_ICONS`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from diagrams.custom import Custom
from diagrams.generic.compute import Rack
from diagrams.generic.device import Mobile
from diagrams.generic.network import VPN, Firewall, Router, Subnet, Switch
from diagrams.generic.place import Datacenter
from diagrams.k8s.compute import Deploy, Pod
from diagrams.k8s.controlplane import API
from diagrams.k8s.group import NS
from diagrams.k8s.infra import Master
from diagrams.k8s.network import SVC, Ep, Ing, Netpol
from diagrams.k8s.others import CRD, PSP
from diagrams.k8s.podconfig import Secret
from diagrams.k8s.rbac import SA, CRole, User

from diagrams import Node

#: Where our own icons live, shipped with the package.
ICON_DIR = Path(__file__).with_name("assets")

#: Concepts drawn with our own icons (name of the PNG in ``archkb/diagrams/assets/``).
OWN_ICONS: dict[str, str] = {
    "regional-edge": "regional-edge",
    "customer-edge": "customer-edge",
    "ce-ha-cluster": "customer-edge",
    "k8s-site-type": "customer-edge",
}

#: Concepts drawn with an icon of the ``diagrams`` package.
PACKAGE_ICONS: dict[str, type[Node]] = {
    # Kubernetes
    "kubernetes": Master,
    "k8s-cluster": Master,
    "managed-k8s": Master,
    "virtual-k8s": Master,
    "hyperscaler-k8s": Master,
    "openshift": Master,
    "k8s-api-server": API,
    "hosted-api-server": API,
    "pod": Pod,
    "root-container": Pod,
    "deployment": Deploy,
    "operator": Deploy,
    "k8s-service": SVC,
    "clusterip": SVC,
    "nodeport": SVC,
    "loadbalancer-service": SVC,
    "service-discovery": Ep,
    "k8s-dns": Ep,
    "ingress-controller": Ing,
    "f5-cis": Ing,
    "namespace": NS,
    "xc-namespace": NS,
    "serviceaccount": SA,
    "kubeconfig": Secret,
    "kubectl": User,
    "crd": CRD,
    "clusterrole": CRole,
    "podsecuritypolicy": PSP,
    "pod-security-admission": PSP,
    "host-network": Netpol,
    "privileged-port": Netpol,
    # generic
    "app-client": Mobile,
    "customer-site": Datacenter,
    "virtual-site": Datacenter,
    "f5-xc": Rack,
    "global-control-plane": Rack,
    "xc-console": Rack,
    "http-load-balancer": Switch,
    "external-load-balancer": Switch,
    "origin-pool": Switch,
    "big-ip": Switch,
    "waf": Firewall,
    "bot-defense": Firewall,
    "global-backbone": Subnet,
    "pod-network": Subnet,
    "cni": Subnet,
    "calico": Subnet,
    "cilium": Subnet,
    "azure-cni": Subnet,
    "kubenet": Subnet,
    "openshift-sdn": Subnet,
    "ovn-kubernetes": Subnet,
    "bgp": Router,
    "vxlan-geneve": VPN,
}

#: The icon of a concept nobody mapped yet.
FALLBACK: type[Node] = Rack


def node_class(concept: str) -> type[Node]:
    """The ``diagrams`` node class that stands for ``concept`` (the fallback when unmapped)."""
    return PACKAGE_ICONS.get(concept, FALLBACK)


def icon_path(concept: str) -> Path:
    """The PNG drawn for ``concept``: one of ours, else the icon file of its ``diagrams`` class."""
    own = OWN_ICONS.get(concept)
    if own is not None:
        return icon_file(own)
    cls = node_class(concept)
    # diagrams resolves a class's icon file in Node._load_icon from class attributes only.
    return Path(cls._load_icon(cls))


def make_node(concept: str, label: str, nodeid: str, **attrs: Any) -> Node:
    """A ``diagrams`` node for ``concept`` in the current diagram (attrs override the package's)."""
    own = OWN_ICONS.get(concept)
    if own is not None:
        return Custom(label, str(icon_file(own)), nodeid=nodeid, **attrs)
    return node_class(concept)(label, nodeid=nodeid, **attrs)


def icon_file(name: str) -> Path:
    """Where the shipped PNG of one of our icons lives."""
    return ICON_DIR / f"{name}.png"
