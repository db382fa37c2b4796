"""The benchmark runs end to end at x1 and x10 and reports every figure.

Timings are never asserted (figures are noisy on a 2-core machine; targets are read from the
benchmark's table). What is asserted is that each stage ran and measured something, and the
behaviour the figures stand for: a warm diagram run renders nothing and rewrites no file.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from ..conftest import ROOT

pytestmark = pytest.mark.bench

SCALES = ("x1", "x10")
#: Every figure a --scale 10 run must report, by JSON key.
EXPECTED = (
    [f"load.{s}.{loader}" for s in SCALES for loader in ("libyaml", "pure")]
    + ["load.ratio.x10_x1", "memory.load.x10", "pages.ratio.x10_x1", "memory.pages.x10"]
    + [f"pages.{s}" for s in SCALES]
    + [f"quizpage.{s}" for s in SCALES]
    + ["quizpage.ratio.x10_x1"]
    + [f"serve.{s}.rebuild" for s in SCALES]
    + ["serve.ratio.x10_x1"]
    + [f"diagrams.{s}.{what}" for s in SCALES for what in ("cold", "warm", "warm_rendered", "warm_rewritten")]
    + [f"mkdocs.{s}.{how}" for s in SCALES for how in ("plugin", "plain", "overhead")]
    + [f"memory.mkdocs.{s}.{how}" for s in SCALES for how in ("plugin", "plain")]
    + ["python.bare", "quiz.cold", "quiz.startup", "quiz.ratio", "memory.quiz"]
    + [
        f"weight.{kind}.{part}"
        for kind in ("home", "architecture", "comparison", "quiz")
        for part in ("html", "ours", "theme", "total")
    ]
    + ["weight.search_index"]
)
#: Figures that may be reported as skipped, with the reason: zensical is a preview that may not build here.
OPTIONAL = tuple(f"zensical.{s}" for s in SCALES)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    out = tmp_path_factory.mktemp("bench") / "bench.json"
    command = [sys.executable, str(ROOT / "scripts" / "bench.py"), "--scale", "10", "--runs", "1", "--json", str(out)]
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=1800, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "| figure" in proc.stdout, proc.stdout
    return dict(json.loads(out.read_text(encoding="utf-8")))


def test_every_figure_is_measured(report: dict) -> None:  # type: ignore[type-arg]
    figures = report["figures"]
    missing = [key for key in EXPECTED if key not in figures or not isinstance(figures[key]["value"], int | float)]
    assert not missing, f"not measured: {missing}; skipped stages: {report['skipped']}"
    unexplained = [
        key for key in OPTIONAL if key not in figures and f"zensical {key.split('.')[1]}" not in report["skipped"]
    ]
    assert not unexplained, unexplained


def test_every_stage_ran(report: dict) -> None:  # type: ignore[type-arg]
    assert not report["failed"]
    assert not {name: why for name, why in report["skipped"].items() if not name.startswith("zensical")}


def test_targets_are_reported_with_a_verdict(report: dict) -> None:  # type: ignore[type-arg]
    figures = report["figures"]
    for key in ("mkdocs.x1.overhead", "quiz.startup", "diagrams.x10.warm_rendered"):
        assert figures[key]["limit"] is not None and figures[key]["result"] in ("pass", "FAIL"), figures[key]


def test_warm_diagram_runs_render_and_rewrite_nothing(report: dict) -> None:  # type: ignore[type-arg]
    figures = report["figures"]
    assert [figures[f"diagrams.{s}.warm_rendered"]["value"] for s in SCALES] == [0, 0]
    assert [figures[f"diagrams.{s}.warm_rewritten"]["value"] for s in SCALES] == [0, 0]


def test_counts_grow_with_the_scale(report: dict) -> None:  # type: ignore[type-arg]
    counts = report["meta"]["counts"]
    assert counts["x10"]["architectures"] == 10 * counts["x1"]["architectures"]
    assert counts["x10"]["concepts"] == 10 * counts["x1"]["concepts"]


def test_json_says_what_produced_it(report: dict) -> None:  # type: ignore[type-arg]
    assert report["meta"]["command"].startswith("python scripts/bench.py --scale 10")
