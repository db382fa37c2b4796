"""Build caching, checked by behaviour (never by wall-clock time).

* A warm rebuild renders no diagram: a real ``mkdocs build`` with the plugin, run twice, calls
  graphviz to lay out a diagram zero times the second time (a ``dot`` on PATH counts the calls and
  hands them to the real one); one changed edge label lays out exactly that architecture's diagram.
* ``archkb generate`` into the same folder again rewrites no unchanged file (same inode and mtime),
  and after an edit exactly the files whose bytes changed are new.
* Under ``mkdocs serve`` the plugin keeps its generated files until a kb file's bytes change, and
  then runs again only the page generators whose reads of the KB changed.
* The benchmark's ratios compare runs taken in turn (x10, x100, x10, ...), each without the
  previous result of its function in memory.
* The abbreviation definitions appended to every page are separate Markdown blocks (one block of N
  definitions makes Python-Markdown quadratic in N on every page).
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.config import load_config

from archkb import plugin as plugin_module
from archkb.cli import main as archkb_main
from archkb.kb import load_kb
from archkb.pages.glossary import abbreviation_block
from archkb.site.generate import generate_site_files

from ..sitekit import make_project

VK8S = Path("kb/architectures/3-vk8s.yaml")


def counting_dot(folder: Path) -> Path:
    """A ``dot`` that logs its arguments, one line per call, then runs the real graphviz."""
    real = shutil.which("dot")
    assert real, "graphviz is needed"
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / "calls.log"
    shim = folder / "dot"
    shim.write_text(f'#!/bin/sh\necho "$*" >> "{log}"\nexec "{real}" "$@"\n', encoding="utf-8")
    shim.chmod(shim.stat().st_mode | stat.S_IXUSR)
    return log


def layouts(log: Path) -> int:
    """How many diagrams graphviz laid out (``dot -V`` version checks aside)."""
    return sum(1 for line in log.read_text(encoding="utf-8").splitlines() if "-T" in line) if log.exists() else 0


def mkdocs_build(project: Path, shim_dir: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "ARCHKB_KB_DIR")}
    env.update(PATH=f"{shim_dir}{os.pathsep}{env.get('PATH', '')}", NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(project / "site")]
    proc = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]


@pytest.mark.slow
def test_a_warm_mkdocs_build_lays_out_no_diagram_and_one_change_only_its_own(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")  # its own, empty diagram cache
    log = counting_dot(tmp_path / "bin")
    mkdocs_build(project, tmp_path / "bin")
    cold = layouts(log)
    assert cold >= 5, "the cold build lays out every architecture and the overview"
    mkdocs_build(project, tmp_path / "bin")
    assert layouts(log) == cold, "a warm build must not run graphviz on any diagram"
    vk8s = project / VK8S
    vk8s.write_text(
        vk8s.read_text(encoding="utf-8").replace("label: kubeconfig issued by XC", "label: kubeconfig from XC"),
        encoding="utf-8",
    )
    mkdocs_build(project, tmp_path / "bin")
    # The overview draws no edge labels, so its DOT (and its cache entry) stays the same.
    assert layouts(log) == cold + 1, "one changed edge label lays out that architecture's diagram, nothing else"


def stamps(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


def contents(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_generate_again_rewrites_no_unchanged_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "project")
    monkeypatch.chdir(project)
    out = tmp_path / "generated"
    assert archkb_main(["generate", "--out", str(out)]) == 0
    first, first_bytes = stamps(out), contents(out)
    assert archkb_main(["generate", "--out", str(out)]) == 0
    assert stamps(out) == first, "an unchanged KB must leave every generated file as it was"

    vk8s = project / VK8S
    vk8s.write_text(
        vk8s.read_text(encoding="utf-8").replace("gives you a single namespace", "gives you one namespace"),
        encoding="utf-8",
    )
    assert archkb_main(["generate", "--out", str(out)]) == 0
    now, now_bytes = stamps(out), contents(out)
    assert set(now) == set(first)
    changed = {p for p in now if now_bytes[p] != first_bytes[p]}
    kept = {p for p in now if now[p] == first[p]}
    assert "docs/architectures/vk8s.md" in changed
    assert kept == set(now) - changed, "exactly the files whose bytes changed are rewritten"


def test_the_plugin_regenerates_only_when_kb_bytes_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ARCHKB_KB_DIR", raising=False)
    project = make_project(tmp_path / "project")
    monkeypatch.chdir(project)
    calls: list[Path] = []
    real_load = plugin_module.load_kb

    def counting_load(kb_dir, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(Path(kb_dir))
        return real_load(kb_dir, *args, **kwargs)

    monkeypatch.setattr(plugin_module, "load_kb", counting_load)
    config = load_config(str(project / "mkdocs.yml"))
    plugin = config.plugins["archkb"]
    plugin.on_config(config)
    plugin.on_config(config)  # what each `mkdocs serve` rebuild does
    assert len(calls) == 1
    vk8s = project / VK8S
    os.utime(vk8s)  # saved again without a change: same bytes, nothing to do
    plugin.on_config(config)
    assert len(calls) == 1
    vk8s.write_text(vk8s.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    plugin.on_config(config)
    assert len(calls) == 2


def test_under_serve_an_edit_gives_what_a_full_generation_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ARCHKB_KB_DIR", raising=False)
    project = make_project(tmp_path / "project", cache=tmp_path / "cache")
    monkeypatch.chdir(project)
    config = load_config(str(project / "mkdocs.yml"))
    plugin = config.plugins["archkb"]
    plugin.on_config(config)
    before = dict(plugin._files)  # noqa: SLF001
    vk8s = project / VK8S
    vk8s.write_text(
        vk8s.read_text(encoding="utf-8").replace("gives you a single namespace", "gives you one namespace"),
        encoding="utf-8",
    )
    plugin.on_config(config)  # the rebuild `mkdocs serve` runs after the edit
    full = generate_site_files(
        load_kb(project / "kb"), cache_dir=tmp_path / "cache" / "diagrams", use_directory_urls=config.use_directory_urls
    )
    assert plugin._files == full != before  # noqa: SLF001
    assert b"one namespace" in full["architectures/vk8s.md"]


def test_abbreviation_definitions_are_separate_blocks(real_kb) -> None:  # type: ignore[no-untyped-def]
    lines = abbreviation_block(real_kb).splitlines()
    adjacent = [
        f"{a!r} / {b!r}" for a, b in zip(lines, lines[1:], strict=False) if a.startswith("*[") and b.startswith("*[")
    ]
    assert lines and not adjacent, "\n".join(adjacent)


def test_the_counting_dot_is_real_graphviz(tmp_path: Path) -> None:
    log = counting_dot(tmp_path / "bin")
    proc = subprocess.run(
        [str(tmp_path / "bin" / "dot"), "-Tsvg"], input="digraph { a -> b }", capture_output=True, text=True, check=True
    )
    assert "<svg" in proc.stdout and layouts(log) == 1


def test_side_by_side_takes_the_runs_in_turn_and_drops_each_previous_result(monkeypatch: pytest.MonkeyPatch) -> None:
    """The x100/x10 ratios compare runs taken in turn, not one scale's runs after the other's."""
    import importlib.util
    import weakref

    spec = importlib.util.spec_from_file_location(
        "bench_for_test", Path(__file__).resolve().parents[2] / "scripts" / "bench.py"
    )
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, bench)  # its dataclasses look their module up
    spec.loader.exec_module(bench)

    class Result:
        pass

    order: list[str] = []
    previous: dict[str, weakref.ref[Result]] = {}

    def run(name: str) -> Result:
        order.append(name)
        assert name not in previous or previous[name]() is None, f"{name}'s previous result is still in memory"
        result = Result()
        previous[name] = weakref.ref(result)
        return result

    timings = bench.side_by_side({"x10": (lambda: run("x10"), 3), "x100": (lambda: run("x100"), 2)})
    assert order == ["x10", "x100", "x10", "x100", "x10"]
    assert [len(timings[k][0].walls) for k in ("x10", "x100")] == [3, 2]
    assert all(timings[k][1] is previous[k]() for k in timings), "the last result of each is returned"
