"""The DOT of every diagram of the diagram fixture KB, byte for byte (tests/goldenkit.py).

Icon paths are absolute where the packages are installed; they are written relative to their package.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import archkb
import diagrams
from archkb.diagrams.dot import architecture_dot, overview_dot
from archkb.kb import load_kb

from ..goldenkit import check_golden

DIAGRAM_KB = Path(__file__).resolve().parents[1] / "fixtures" / "diagrams" / "kb"


def portable(source: str) -> str:
    """DOT with the install folders of ``diagrams`` and ``archkb`` replaced by their names."""
    for package in (diagrams, archkb):
        source = source.replace(str(Path(package.__file__).resolve().parents[1]), f"<{package.__name__}-root>")
    return source


def test_dot_of_the_diagram_kb_matches_its_golden_files(request: pytest.FixtureRequest) -> None:
    kb = load_kb(DIAGRAM_KB)
    graphs = [architecture_dot(kb, a) for a in kb.architectures] + [overview_dot(kb)]
    check_golden(request, "dot", {f"{g.name}.dot": portable(g.source) for g in graphs})
