"""The topology-versus-facts rules of archkb.kb.topology_rules, through load_kb (so `archkb validate`)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from archkb.cli import main
from archkb.errors import KBError
from archkb.kb import load_kb
from archkb.kb.model import KB
from archkb.kb.topology_rules import CHECKED_TERMS, MAX_NODES

ROOT = Path(__file__).resolve().parents[2]
GATEWAY = "architectures/1-secure-k8s-gateway.yaml"
VK8S = "architectures/3-vk8s.yaml"


def kb_copy(tmp_path: Path) -> Path:
    target = tmp_path / "kb"
    shutil.copytree(ROOT / "kb", target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_every_term_the_real_kb_uses_has_a_rule(real_kb: KB) -> None:
    used = {
        (field, term)
        for arch in real_kb.architectures
        for field in CHECKED_TERMS
        for term in (arch.value(field, ()) if field == "placement" else (arch.value(field),))
        if term is not None
    }
    missing = sorted(f"{field}: {term}" for field, term in used if term not in CHECKED_TERMS[field])
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        pytest.param(
            GATEWAY,
            "      label: CE (external load balancer)\n      group: your-site\n",
            "      label: CE (external load balancer)\n      group: cluster\n",
            "topology of 'secure-k8s-gateway' contradicts its placement: CE node 'ce' is drawn inside a cluster group",
            id="gateway-ce-inside-the-cluster",
        ),
        pytest.param(
            GATEWAY,
            "      to: api\n      kind: discovery\n",
            "      to: api\n      kind: user-traffic\n",
            "topology of 'secure-k8s-gateway' contradicts its discovery: no discovery edge is drawn from the CE "
            "to the API server",
            id="discovery-fact-without-a-discovery-edge",
        ),
        pytest.param(
            VK8S,
            "      kind: namespace-group\n",
            "      kind: cluster-group\n",
            "topology of 'vk8s' contradicts its scope: the scope is a namespace, but no namespace group sits in a "
            "virtual-cluster group",
            id="namespace-scope-without-a-namespace",
        ),
    ],
)
def test_a_topology_that_contradicts_its_facts_is_rejected_at_the_fact(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], file: str, old: str, new: str, message: str
) -> None:
    kb_dir = kb_copy(tmp_path)
    edit(kb_dir / file, old, new)
    with pytest.raises(KBError) as caught:
        load_kb(kb_dir)
    hits = [p for p in caught.value.problems if message in p.message]
    assert hits and all(p.path.endswith(file) and p.line > 0 and p.col > 0 for p in hits), caught.value.problems
    assert main(["validate", "--kb", str(kb_dir)]) == 1
    assert message in capsys.readouterr().err


def test_the_node_cap_is_a_validate_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kb_dir = kb_copy(tmp_path)
    extra = "".join(
        f"    - id: extra-{i}\n      concept: pod\n      label: Pod {i}\n      group: cluster\n"
        for i in range(MAX_NODES)
    )
    edit(kb_dir / GATEWAY, "  nodes:\n", "  nodes:\n" + extra)
    assert main(["validate", "--kb", str(kb_dir)]) == 1
    err = capsys.readouterr().err
    said = f"topology of 'secure-k8s-gateway' has {MAX_NODES + 9} nodes; a diagram holds at most {MAX_NODES}"
    assert re.search(rf"1-secure-k8s-gateway\.yaml:[1-9]\d*:[1-9]\d*: {said}\n", err), err
