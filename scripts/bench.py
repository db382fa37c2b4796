"""Benchmark archkb on the real KB and on synthetic copies of it: ``python scripts/bench.py --scale N``.

One process measures every stage, each as the median of several runs, so figures are comparable:

* load+validate at x1, x10 (and x100 with ``--scale 100``), with libyaml's C parser and the pure-Python
  one side by side; the x100/x10 ratio against the linearity target (at most 11);
* page generation (the site generator), same scales;
* diagram rendering cold (empty cache) and warm (must render nothing and rewrite no file);
* ``mkdocs build`` with the archkb plugin versus ``mkdocs build`` of the same pages pre-generated as
  plain Markdown by ``archkb generate`` (the plugin's overhead, target at most 1.25 on the real KB),
  and ``zensical build`` of the generated pages;
* ``archkb quiz`` start-up to its first question versus a bare ``python -c pass`` (target at most 3);
* peak memory: tracemalloc for in-process stages, ``ru_maxrss`` of each child process.

It prints one table (figure, measured, target, ratio, result) and, with ``--json OUT``, writes every
figure as JSON so runs can be compared between commits. Targets are read from this output, never
asserted by a timed test: figures are noisy on a small machine.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from archkb.kb import load_kb  # noqa: E402
from synth_kb import make_synthetic_kb  # noqa: E402

BIN = Path(sys.executable).parent
#: Ratio targets of the performance issue.
LINEAR_LIMIT = 11.0
PLUGIN_LIMIT = 1.25
QUIZ_LIMIT = 3.0
QUIZ_PROMPT = re.compile(rb"question 1 of", re.I)


@dataclass
class Figure:
    """One measured figure: a median time, a count, a size or a ratio, with its target if it has one."""

    key: str
    label: str
    value: float | None
    unit: str
    target: str = ""
    ratio: float | None = None
    limit: float | None = None
    note: str = ""
    samples: list[float] = field(default_factory=list)

    @property
    def result(self) -> str:
        if self.value is None:
            return "skipped"
        if self.limit is None:
            return ""
        checked = self.ratio if self.ratio is not None else self.value
        return "pass" if checked <= self.limit else "FAIL"

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "result": self.result or None}


@dataclass
class Child:
    """One child process run: wall time to the awaited output (or exit), exit code, peak memory."""

    seconds: float
    returncode: int
    maxrss_mib: float
    output: bytes


def median_time(fn: Callable[[], Any], runs: int) -> tuple[float, list[float], Any]:
    """Median wall time of ``runs`` calls of ``fn``, every sample, and the last result."""
    samples, result = [], None
    for _ in range(max(1, runs)):
        gc.collect()
        start = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), samples, result


def traced_peak_mib(fn: Callable[[], Any]) -> float:
    """Peak Python heap while ``fn`` runs, in MiB (tracemalloc; run apart from the timed runs)."""
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def run_child(command: Sequence[str], cwd: Path, until: re.Pattern[bytes] | None = None, stdin: bytes = b"", timeout: float = 900) -> Child:
    """Run ``command``; time it until its output matches ``until`` (then stop it) or it exits.

    Peak memory comes from ``os.wait4``, which reports the resources of that one child.
    """
    env = {**os.environ, "NO_COLOR": "1", "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert proc.stdin is not None and proc.stdout is not None
    try:
        proc.stdin.write(stdin)
        proc.stdin.close()
    except BrokenPipeError:
        pass
    output, elapsed = b"", None
    fd = proc.stdout.fileno()
    while elapsed is None:
        chunk = os.read(fd, 65536)
        if until is not None and until.search(output + chunk):
            elapsed = time.perf_counter() - start
            proc.kill()
        output += chunk
        if not chunk:
            break
        if time.perf_counter() - start > timeout:
            proc.kill()
            raise RuntimeError(f"{' '.join(command)} ran over {timeout:g}s")
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stdout.close()
    if elapsed is not None:  # stopped on purpose once the awaited output came
        return Child(elapsed, 0, usage.ru_maxrss / 1024, output)
    return Child(time.perf_counter() - start, proc.returncode, usage.ru_maxrss / 1024, output)


def median_child(command: Sequence[str], cwd: Path, runs: int, **kwargs: Any) -> tuple[float, list[float], Child]:
    """Median time of ``runs`` runs of a child process; raise when one fails."""
    samples, last = [], None
    for _ in range(max(1, runs)):
        last = run_child(command, cwd, **kwargs)
        if last.returncode != 0:
            tail = last.output.decode("utf-8", "replace").strip().splitlines()[-15:]
            raise RuntimeError(f"`{' '.join(map(str, command))}` exited {last.returncode}:\n" + "\n".join(tail))
        samples.append(last.seconds)
    assert last is not None
    return statistics.median(samples), samples, last


@contextmanager
def stage(bench: Bench, name: str) -> Iterator[None]:
    """Announce a stage on stderr; record a stage that cannot run as skipped instead of aborting the run."""
    print(f"bench: {name} ...", file=sys.stderr, flush=True)
    start = time.perf_counter()
    try:
        yield
    except Unavailable as err:
        bench.skipped[name] = str(err)
        print(f"bench: {name} skipped: {err}", file=sys.stderr, flush=True)
    else:
        print(f"bench: {name} done in {time.perf_counter() - start:.1f}s", file=sys.stderr, flush=True)


class Unavailable(Exception):
    """A stage cannot run here (a module or tool is not there yet); its figures are reported as skipped."""


class Bench:
    """Holds the options, the synthetic KBs and the figures of one benchmark run."""

    def __init__(self, args: argparse.Namespace, work: Path) -> None:
        self.args = args
        self.work = work
        self.runs: int = args.runs
        self.scales = [s for s in (1, 10, 100) if s <= args.scale]
        self.kbs: dict[int, Path] = {}
        self.counts: dict[int, dict[str, int]] = {}
        self.figures: list[Figure] = []
        self.skipped: dict[str, str] = {}

    def add(self, key: str, label: str, value: float | None, unit: str, **kwargs: Any) -> Figure:
        figure = Figure(key, label, value, unit, **kwargs)
        self.figures.append(figure)
        return figure

    def get(self, key: str) -> Figure | None:
        return next((f for f in self.figures if f.key == key), None)

    def kb_dir(self, scale: int) -> Path:
        if scale not in self.kbs:
            self.kbs[scale] = make_synthetic_kb(self.args.kb, self.work / f"kb-x{scale}", scale)
        return self.kbs[scale]

    def heavy_runs(self, scale: int) -> int:
        """Runs of a stage that costs seconds per run at this scale (cold renders, builds): fewer above x1."""
        return self.runs if scale == 1 else min(self.runs, self.args.heavy_runs)


# -- stages ------------------------------------------------------------------------------------------


def bench_load(bench: Bench) -> None:
    """load+validate at every scale, libyaml and pure-Python parsers side by side."""
    for scale in bench.scales:
        kb_dir = bench.kb_dir(scale)
        seconds, samples, kb = median_time(lambda d=kb_dir: load_kb(d, yaml.CSafeLoader), bench.runs if scale < 100 else bench.heavy_runs(scale))
        bench.counts[scale] = {
            "architectures": len(kb.architectures),
            "concepts": len(kb.concepts),
            "restrictions": len(kb.restrictions),
            "facts": len(kb.facts),
            "topology nodes": sum(len(a.topology.nodes) for a in kb.architectures),
            "kb files": sum(1 for _ in kb_dir.rglob("*.yaml")),
            "kb bytes": sum(p.stat().st_size for p in kb_dir.rglob("*.yaml")),
        }
        bench.add(f"load.x{scale}.libyaml", f"load+validate x{scale} (libyaml)", seconds, "s", samples=samples)
        if scale < 100:
            seconds, samples, _ = median_time(lambda d=kb_dir: load_kb(d, yaml.SafeLoader), bench.runs)
            bench.add(f"load.x{scale}.pure", f"load+validate x{scale} (pure-Python YAML)", seconds, "s", samples=samples)
    _linear(bench, "load", "load+validate", "libyaml")
    top = bench.scales[-1]
    peak = traced_peak_mib(lambda: load_kb(bench.kb_dir(top)))
    bench.add(f"memory.load.x{top}", f"peak Python heap, load+validate x{top}", peak, "MiB", note="tracemalloc")


def _linear(bench: Bench, prefix: str, label: str, variant: str = "") -> None:
    """The x100/x10 ratio of a stage against the linearity target (and x10/x1 for information)."""
    suffix = f".{variant}" if variant else ""
    for low, high, limit in ((1, 10, None), (10, 100, LINEAR_LIMIT)):
        a, b = bench.get(f"{prefix}.x{low}{suffix}"), bench.get(f"{prefix}.x{high}{suffix}")
        if a and b and a.value and b.value is not None:
            bench.add(
                f"{prefix}.ratio.x{high}_x{low}",
                f"{label} x{high} / x{low}",
                b.value / a.value,
                "x",
                target=f"<= {limit:g}" if limit else "",
                ratio=b.value / a.value,
                limit=limit,
            )


def bench_pages(bench: Bench) -> None:
    """Page generation (Markdown for every generated page, without diagrams or quiz) at every scale."""
    try:
        from archkb.pages import generate_pages
    except ImportError as err:
        raise Unavailable(f"archkb.pages is not there yet ({err})") from None
    for scale in bench.scales:
        kb = load_kb(bench.kb_dir(scale))
        seconds, samples, pages = median_time(lambda kb=kb: generate_pages(kb), bench.runs if scale < 100 else bench.heavy_runs(scale))
        size = sum(len(p) for p in pages.values())
        bench.add(f"pages.x{scale}", f"page generation x{scale} ({len(pages)} pages, {size / 2**20:.1f} MiB)", seconds, "s", samples=samples)
        biggest = max(pages, key=lambda p: len(pages[p]))
        bench.add(f"pages.x{scale}.largest", f"largest page x{scale} ({biggest})", len(pages[biggest]) / 1024, "KiB")
    _linear(bench, "pages", "page generation")
    top = bench.scales[-1]
    kb = load_kb(bench.kb_dir(top))
    bench.add(f"memory.pages.x{top}", f"peak Python heap, page generation x{top}", traced_peak_mib(lambda: generate_pages(kb)), "MiB", note="tracemalloc")


def bench_diagrams(bench: Bench) -> None:
    """Render every diagram with an empty cache, then again warm: the warm run must render and rewrite nothing."""
    try:
        from archkb.diagrams_render import render_all
    except ImportError as err:
        raise Unavailable(f"archkb.diagrams_render is not there yet ({err})") from None
    for scale in bench.scales:
        kb = load_kb(bench.kb_dir(scale))
        base = bench.work / f"diagrams-x{scale}"

        def cold(base: Path = base, kb: Any = kb) -> Any:
            shutil.rmtree(base, ignore_errors=True)
            return render_all(kb, base / "out", cache_dir=base / "cache")

        seconds, samples, report = median_time(cold, bench.heavy_runs(scale))
        bench.add(f"diagrams.x{scale}.cold", f"diagrams x{scale}, cold ({len(report.rendered)} rendered)", seconds, "s", samples=samples)
        before = _mtimes(base / "out")
        seconds, samples, report = median_time(lambda base=base, kb=kb: render_all(kb, base / "out", cache_dir=base / "cache"), bench.runs)
        rewritten = sum(1 for path, stamp in _mtimes(base / "out").items() if before.get(path) != stamp)
        bench.add(f"diagrams.x{scale}.warm", f"diagrams x{scale}, warm ({len(report.cached)} from cache)", seconds, "s", samples=samples)
        bench.add(f"diagrams.x{scale}.warm_rendered", f"diagrams x{scale}, warm: rendered", len(report.rendered), "diagrams", target="0", limit=0)
        bench.add(f"diagrams.x{scale}.warm_rewritten", f"diagrams x{scale}, warm: files rewritten", rewritten, "files", target="0", limit=0)


def _mtimes(folder: Path) -> dict[str, tuple[int, int]]:
    """(inode, mtime) of every file below ``folder``: a rewrite through os.replace changes both."""
    return {str(p.relative_to(folder)): (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


def bench_quiz(bench: Bench) -> None:
    """``archkb quiz`` start-up to its first question (cache warm) against a bare ``python -c pass``."""
    archkb = BIN / "archkb"
    if subprocess.run([str(archkb), "quiz", "--help"], capture_output=True, check=False).returncode != 0:
        raise Unavailable("`archkb quiz` is not there yet")
    command = [str(archkb), "quiz", "--kb", str(bench.kb_dir(1).resolve())]
    run_child(command, ROOT, until=QUIZ_PROMPT)  # fills the bank cache: start-up is measured warm
    bare, samples, child = median_child([sys.executable, "-c", "pass"], ROOT, bench.runs * 2)
    bench.add("python.bare", "bare `python -c pass`", bare, "s", samples=samples)
    seconds, samples, child = median_child(command, ROOT, bench.runs * 2, until=QUIZ_PROMPT)
    if not QUIZ_PROMPT.search(child.output):
        raise Unavailable("`archkb quiz` printed no 'question 1 of': " + child.output.decode("utf-8", "replace")[-300:])
    bench.add("quiz.startup", "quiz start-up to first question", seconds, "s", samples=samples)
    bench.add("quiz.ratio", "quiz start-up / bare python", seconds / bare, "x", target=f"<= {QUIZ_LIMIT:g}", ratio=seconds / bare, limit=QUIZ_LIMIT)
    bench.add("memory.quiz", "peak RSS, quiz start-up", child.maxrss_mib, "MiB", note="ru_maxrss")


class _MkDocsYaml(yaml.SafeLoader):
    """Reads mkdocs.yml, resolving ``!ENV [NAME, ..., default]`` the way MkDocs does."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]  # type: ignore[arg-type]
    return next((os.environ[n] for n in names[:-1] if n in os.environ), names[-1])


_MkDocsYaml.add_constructor("!ENV", _env_tag)


def plugin_config(bench: Bench, scale: int) -> Path:
    """The project's mkdocs.yml with the archkb plugin reading the KB at ``scale`` and caching in the work folder."""
    base = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), _MkDocsYaml)  # noqa: S506 - a safe loader subclass
    plugins = [p for p in base.get("plugins", []) if not (p == "archkb" or (isinstance(p, dict) and "archkb" in p))]
    archkb = {"archkb": {"kb_dir": str(bench.kb_dir(scale)), "cache_dir": str(bench.work / f"cache-plugin-x{scale}")}}
    config = {
        **base,
        "docs_dir": str(ROOT / base.get("docs_dir", "docs")),
        "site_dir": str(bench.work / f"site-plugin-x{scale}"),
        "plugins": [*plugins, archkb],
    }
    path = bench.work / f"mkdocs-plugin-x{scale}.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def generate_plain(bench: Bench, scale: int) -> Path:
    """``archkb generate`` of the KB at ``scale``: a standalone project (docs/ and a plugin-free mkdocs.yml)."""
    out = bench.work / f"generated-x{scale}"
    command = [str(BIN / "archkb"), "generate", "--kb", str(bench.kb_dir(scale)), "--out", str(out), "--docs-dir", str(ROOT / "docs")]
    command += ["--config-file", str(ROOT / "mkdocs.yml")]
    median_child(command, bench.work, 1)  # cwd is the work folder, so its diagram cache lands there
    return out


def bench_site(bench: Bench) -> None:
    """``mkdocs build`` with the plugin versus the same pages pre-generated; ``zensical build`` of those."""
    if subprocess.run([str(BIN / "archkb"), "generate", "--help"], capture_output=True, check=False).returncode != 0:
        raise Unavailable("`archkb generate` is not there yet")
    mkdocs = str(BIN / "mkdocs")
    for scale in [s for s in bench.scales if s <= bench.args.site_scale]:
        runs = bench.heavy_runs(scale)
        plain_cfg = generate_plain(bench, scale) / "mkdocs.yml"
        plugin_cfg = plugin_config(bench, scale)
        plugin_cmd = [mkdocs, "build", "-q", "--strict", "-f", str(plugin_cfg)]
        plain_cmd = [mkdocs, "build", "-q", "--strict", "-f", str(plain_cfg), "-d", str(bench.work / f"site-plain-x{scale}")]
        median_child(plugin_cmd, ROOT, 1)  # fills the plugin's diagram cache: both builds are then measured warm
        plugin_samples: list[float] = []
        plain_samples: list[float] = []
        for _ in range(runs):  # interleaved, so drift on a noisy machine hits both alike
            plugin_samples.append(median_child(plugin_cmd, ROOT, 1)[2].seconds)
            plain_samples.append(median_child(plain_cmd, ROOT, 1)[2].seconds)
        plugin, plain = statistics.median(plugin_samples), statistics.median(plain_samples)
        bench.add(f"mkdocs.x{scale}.plain", f"mkdocs build x{scale}, pre-generated pages", plain, "s", samples=plain_samples)
        limit = PLUGIN_LIMIT if scale == 1 else None
        target = f"<= {PLUGIN_LIMIT:g}x plain" if limit else ""
        bench.add(
            f"mkdocs.x{scale}.plugin",
            f"mkdocs build x{scale}, archkb plugin",
            plugin,
            "s",
            target=target,
            ratio=plugin / plain,
            limit=limit,
            samples=plugin_samples,
        )
        for name, command in (("plugin", plugin_cmd), ("plain", plain_cmd)):
            rss = run_child(command, ROOT).maxrss_mib
            bench.add(f"memory.mkdocs.x{scale}.{name}", f"peak RSS, mkdocs build x{scale} ({name})", rss, "MiB", note="ru_maxrss")
        bench_zensical(bench, scale, plain_cfg, runs)


def bench_zensical(bench: Bench, scale: int, config: Path, runs: int) -> None:
    """``zensical build --clean`` of the pre-generated project, where zensical is installed and builds it."""
    zensical = BIN / "zensical"
    if not zensical.exists():
        bench.skipped[f"zensical x{scale}"] = "zensical is not installed"
        return
    try:
        seconds, samples, child = median_child([str(zensical), "build", "--clean", "-f", str(config)], config.parent, runs)
    except RuntimeError as err:
        bench.skipped[f"zensical x{scale}"] = str(err).splitlines()[-1][:200]
        return
    plain = bench.get(f"mkdocs.x{scale}.plain")
    ratio = seconds / plain.value if plain and plain.value else None
    bench.add(f"zensical.x{scale}", f"zensical build x{scale}, pre-generated pages", seconds, "s", ratio=ratio, samples=samples)
    bench.add(f"memory.zensical.x{scale}", f"peak RSS, zensical build x{scale}", child.maxrss_mib, "MiB", note="ru_maxrss")


STAGES: dict[str, Callable[[Bench], None]] = {
    "load": bench_load,
    "pages": bench_pages,
    "diagrams": bench_diagrams,
    "site": bench_site,
    "quiz": bench_quiz,
}


# -- report ------------------------------------------------------------------------------------------


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "x":
        return f"{value:.2f}x"
    if unit in ("MiB", "KiB"):
        return f"{value:.1f} {unit}"
    return f"{value:g} {unit}"


def table(bench: Bench) -> str:
    """The figures as one Markdown table (figure, measured, target, ratio, result)."""
    rows = [("figure", "measured", "target", "ratio", "result")]
    for f in bench.figures:
        ratio = f"{f.ratio:.2f}" if f.ratio is not None else ""
        rows.append((f.label, "" if f.unit == "x" else fmt(f.value, f.unit), f.target, ratio, f.result))
    for name, reason in bench.skipped.items():
        rows.append((name, "—", "", "", f"skipped: {reason}"))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |" for row in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def metadata(bench: Bench) -> dict[str, Any]:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False).stdout.strip()
    dirty = bool(subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True, check=False).stdout)
    return {
        "command": "python scripts/bench.py " + " ".join(bench.args.argv),
        "commit": commit + ("+dirty" if dirty else ""),
        "python": platform.python_version(),
        "libyaml": hasattr(yaml, "CSafeLoader"),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores",
        "runs": bench.runs,
        "heavy_runs": bench.args.heavy_runs,
        "scales": bench.scales,
        "counts": {f"x{k}": v for k, v in bench.counts.items()},
    }


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark archkb on the real KB and synthetic copies of it.")
    parser.add_argument("--scale", type=int, choices=(1, 10, 100), default=10, help="largest synthetic scale (1, 10 or 100; default 10)")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure; the median is reported (default 5)")
    parser.add_argument("--heavy-runs", type=int, default=1, help="runs of stages costing seconds each (cold renders, builds) above x1 (default 1)")
    parser.add_argument("--site-scale", type=int, default=10, help="largest scale for the mkdocs/zensical builds (default 10)")
    parser.add_argument("--json", metavar="OUT", help="also write every figure to this JSON file")
    parser.add_argument("--kb", default=str(ROOT / "kb"), metavar="DIR", help="the real KB to multiply (default: kb)")
    parser.add_argument("--only", action="append", choices=sorted(STAGES), help="run only this stage (repeatable)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a figure misses its target")
    parser.add_argument("--work", metavar="DIR", help="keep synthetic KBs and outputs here (default: a temp folder, removed)")
    args = parser.parse_args(argv)
    args.argv = list(argv if argv is not None else sys.argv[1:])
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="archkb-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    bench = Bench(args, work.resolve())
    try:
        for name, run in STAGES.items():
            if not args.only or name in args.only:
                with stage(bench, name):
                    run(bench)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    meta = metadata(bench)
    for scale, counts in meta["counts"].items():
        print(f"{scale}: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    print(table(bench))
    if args.json:
        payload = {"meta": meta, "figures": {f.key: f.as_json() for f in bench.figures}, "skipped": bench.skipped}
        Path(args.json).write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 1 if args.check and any(f.result == "FAIL" for f in bench.figures) else 0


if __name__ == "__main__":
    sys.exit(main())
