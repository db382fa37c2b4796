"""Render architecture diagrams (SVG, PNG) from the KB with graphviz, cached and deterministic.

One diagram per architecture (``<arch-id>``) plus ``overview`` (all side by side, with a legend of
edge kinds). The graph is described with the ``diagrams`` package (:mod:`archkb.diagrams.dot`);
this module runs graphviz ``dot`` on it with a time limit inside a temporary folder, makes the SVG
self-contained (icons embedded as data URIs, graphviz's version comment removed) and writes the
files atomically.

Rendering is cached in ``cache_dir`` (default ``.archkb-cache/diagrams``) under a hash of the
diagram's DOT text (topology, labels, styles, layout options), the bytes of every icon it uses,
the renderer version, the ``diagrams`` version and graphviz's version: a warm rebuild renders
nothing, and a changed topology re-renders that architecture and the overview (which shows it).

Failures: graphviz missing or failing, or a layout over the time limit ->
:class:`~archkb.errors.EnvironmentProblem` (exit 3); a topology over the node cap -> a
:class:`~archkb.errors.KBError` problem at the architecture's file (exit 1). Nothing is written
to ``out_dir`` unless every requested diagram rendered.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib.metadata import version as package_version
from pathlib import Path

from .. import urls
from ..atomic import write_atomic, write_if_changed
from ..errors import EnvironmentProblem, KBError, Problem
from ..kb.model import KB
from ..kb.topology_rules import MAX_NODES
from .alt_text import alt_text, overview_alt_text
from .dot import DotGraph, architecture_dot, overview_dot
from .glyphs import symbol as glyph_symbol

__all__ = [
    "FORMATS",
    "OVERVIEW",
    "RenderReport",
    "alt_text",
    "check_graphviz",
    "diagram_names",
    "overview_alt_text",
    "render_all",
]

#: Part of every cache key, with a hash of the renderer's own modules (so editing them re-renders).
RENDERER_VERSION = "1"
RENDERER_MODULES = ("render.py", "dot.py", "icons.py", "glyphs.py")
FORMATS = ("svg", "png")
OVERVIEW = "overview"
DEFAULT_CACHE = Path(".archkb-cache/diagrams")
DEFAULT_TIMEOUT = 60.0
INSTALL_ADVICE = "install graphviz (Debian/Ubuntu: sudo apt-get install graphviz)"
INSTALL_HINT = f"graphviz is not installed: the `dot` command was not found on PATH; {INSTALL_ADVICE}"


@dataclass
class RenderReport:
    """What :func:`render_all` did: diagram names rendered by graphviz and names served from the cache."""

    rendered: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


def graphviz_version() -> str:
    """graphviz's version line (``dot -V``); raise EnvironmentProblem when dot is missing or broken."""
    dot = shutil.which("dot")
    if dot is None:
        raise EnvironmentProblem(INSTALL_HINT)
    try:
        proc = subprocess.run([dot, "-V"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise EnvironmentProblem(
            f"graphviz `dot -V` failed ({err}); reinstall graphviz (Debian/Ubuntu: sudo apt-get install "
            f"--reinstall graphviz)"
        ) from None
    line = (proc.stderr or proc.stdout).strip()
    if proc.returncode != 0 or "graphviz" not in line.lower():
        raise EnvironmentProblem(
            f"`{dot} -V` did not answer like graphviz ({line or proc.returncode}); {INSTALL_ADVICE}"
        )
    return line


def check_graphviz() -> None:
    """Raise :class:`EnvironmentProblem` with an install hint unless graphviz ``dot`` works."""
    graphviz_version()


def diagram_names(kb: KB) -> list[str]:
    """Every diagram render_all can write: architecture ids in their order, then ``overview``."""
    return [a.id for a in sorted(kb.architectures, key=lambda a: a.order)] + [OVERVIEW]


def _graphs(kb: KB, names: list[str], max_nodes: int) -> list[DotGraph]:
    too_big = [
        Problem(
            a.origin.path,
            a.origin.line,
            a.origin.col,
            f"topology of {a.id!r} has {len(a.topology.nodes)} nodes; a diagram holds at most {max_nodes}",
        )
        for a in kb.architectures
        if len(a.topology.nodes) > max_nodes and (a.id in names or OVERVIEW in names)
    ]
    if too_big:
        raise KBError(too_big)
    return [
        overview_dot(kb, OVERVIEW) if name == OVERVIEW else architecture_dot(kb, kb.architecture(name))
        for name in names
    ]


# -- rendering -------------------------------------------------------------------------------------

IMAGE_ATTR = re.compile(r'<IMG SRC="([^"]*)"')
SVG_IMAGE = re.compile(r"<image\b([^>]*?)/?>(?:</image>)?")
SVG_ATTR = re.compile(r'([\w:-]+)="([^"]*)"')
SVG_OPEN = re.compile(r"<svg\b[^>]*>")
SVG_COMMENT = re.compile(r"<!--.*?-->\n?", re.S)


def icon_paths(source: str) -> list[Path]:
    """The icon files a DOT text refers to, sorted and without duplicates."""
    return sorted({Path(html.unescape(m.group(1))) for m in IMAGE_ATTR.finditer(source)})


def _icon_symbol(path: Path, aspect: str) -> tuple[str, str]:
    """The id and ``<symbol>`` element drawing one icon file's vector glyph (:mod:`archkb.diagrams.glyphs`)."""
    if not path.is_file():
        raise EnvironmentProblem(f"diagram icon {path} cannot be read (no such file); reinstall archkb and diagrams")
    body = glyph_symbol("archkb-icon", path, aspect)
    ident = (
        "archkb-icon-" + hashlib.sha256(body.encode("utf-8")).hexdigest()[:12]
    )  # same id <=> same glyph, even across SVGs
    return ident, body.replace('id="archkb-icon"', f'id="{ident}"', 1)


def self_contained_svg(svg: str) -> str:
    """The SVG with no file paths and no graphviz version in it.

    graphviz writes each icon as ``<image xlink:href="/abs/path.png">``. Each distinct icon becomes
    one ``<symbol>`` in ``<defs>`` drawing its vector glyph (no picture is embedded: the overview
    weighs tens of kilobytes, not hundreds), and every image a ``<use>`` of it, so an icon drawn ten
    times is stored once. Comments (graphviz's version among them) go.
    """
    svg = SVG_COMMENT.sub("", svg)
    symbols: dict[str, tuple[str, str]] = {}

    def use(match: re.Match[str]) -> str:
        attrs = dict(SVG_ATTR.findall(match.group(1)))
        href = attrs.get("xlink:href") or attrs.get("href") or ""
        if href.startswith("data:"):
            return match.group(0)
        target = html.unescape(href)
        if target not in symbols:
            symbols[target] = _icon_symbol(Path(target), attrs.get("preserveAspectRatio", "xMidYMid meet"))
        place = "".join(f' {k}="{attrs[k]}"' for k in ("x", "y", "width", "height") if k in attrs)
        return f'<use xlink:href="#{symbols[target][0]}"{place}/>'

    svg = SVG_IMAGE.sub(use, svg)
    if not symbols:
        return svg
    defs = "\n<defs>" + "".join(symbol for _, symbol in symbols.values()) + "</defs>"
    return SVG_OPEN.sub(lambda m: m.group(0) + defs, svg, count=1)


def run_dot(graph: DotGraph, formats: Sequence[str], timeout: float, where: str) -> dict[str, bytes]:
    """Lay out ``graph`` once and write every format, inside a temporary folder removed afterwards."""
    dot = shutil.which("dot")
    if dot is None:
        raise EnvironmentProblem(INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="archkb-diagram-") as tmp:
        source = Path(tmp) / "graph.dot"
        source.write_text(graph.source, encoding="utf-8")
        command = [dot]
        for fmt in formats:
            command += [f"-T{fmt}", "-o", str(Path(tmp) / f"graph.{fmt}")]
        try:
            proc = subprocess.run([*command, str(source)], capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise EnvironmentProblem(
                f"{where}: graphviz took longer than {timeout:g}s to lay out diagram {graph.name!r} "
                f"({graph.nodes} nodes); "
                "make its topology smaller or raise the time limit (--timeout)"
            ) from None
        if proc.returncode != 0:
            detail = next((line for line in proc.stderr.splitlines() if line.strip()), f"exit code {proc.returncode}")
            raise EnvironmentProblem(f"{where}: graphviz failed to render diagram {graph.name!r}: {detail}")
        out = {fmt: (Path(tmp) / f"graph.{fmt}").read_bytes() for fmt in formats}
    if "svg" in out:
        out["svg"] = self_contained_svg(out["svg"].decode("utf-8")).encode("utf-8")
    return out


# -- cache -----------------------------------------------------------------------------------------


def cache_key(graph: DotGraph, graphviz: str) -> str:
    """A hash of everything that decides a diagram's bytes."""
    icons = {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "missing"
        for p in icon_paths(graph.source)
    }
    code = hashlib.sha256(
        b"".join((Path(__file__).parent / name).read_bytes() for name in RENDERER_MODULES)
    ).hexdigest()
    payload = {
        "renderer": RENDERER_VERSION,
        "code": code,
        "diagrams": package_version("diagrams"),
        "graphviz": graphviz,
        "dot": graph.source,
        "icons": icons,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode("utf-8")).hexdigest()[:24]


def _cache_file(cache_dir: Path, name: str, key: str, fmt: str) -> Path:
    return cache_dir / f"{name}.{key}.{fmt}"


def _from_cache(cache_dir: Path, name: str, key: str, formats: Sequence[str]) -> dict[str, bytes] | None:
    files = {fmt: _cache_file(cache_dir, name, key, fmt) for fmt in formats}
    if not all(f.is_file() for f in files.values()):
        return None
    return {fmt: f.read_bytes() for fmt, f in files.items()}


def _store(cache_dir: Path, name: str, key: str, data: dict[str, bytes]) -> None:
    """Keep a render for next time, replacing older renders of the same diagram.

    The cache only saves time: when it cannot be written (read-only folder, full disk) the
    render still succeeds and the next run renders again.
    """
    stale = re.compile(re.escape(name) + r"\.[0-9a-f]{24}\.(" + "|".join(map(re.escape, data)) + ")")
    try:
        for old in cache_dir.glob(f"{name}.*") if cache_dir.is_dir() else ():
            if stale.fullmatch(old.name) and not old.name.startswith(f"{name}.{key}."):
                old.unlink(missing_ok=True)
        for fmt, payload in data.items():
            write_atomic(_cache_file(cache_dir, name, key, fmt), payload)
    except OSError:
        pass


def _render_or_reuse(
    kb: KB, graph: DotGraph, formats: Sequence[str], cache: Path, graphviz: str, timeout: float
) -> tuple[dict[str, bytes], bool]:
    """A diagram's bytes per format, and whether graphviz had to run for them."""
    key = cache_key(graph, graphviz)
    data = _from_cache(cache, graph.name, key, formats)
    if data is not None:
        return data, False
    where = kb.architecture(graph.name).origin.path if graph.name != OVERVIEW else OVERVIEW
    data = run_dot(graph, formats, timeout, where)
    _store(cache, graph.name, key, data)
    return data, True


def _write(out_dir: Path, outputs: dict[str, dict[str, bytes]]) -> list[Path]:
    written = []
    for name, data in outputs.items():
        for fmt, payload in data.items():
            path = Path(out_dir) / Path(urls.diagram_file(name, fmt)).name
            try:
                write_if_changed(path, payload)
            except OSError as err:
                raise EnvironmentProblem(f"cannot write diagram {path}: {err.strerror or err}") from None
            written.append(path)
    return written


# -- the public entry point ------------------------------------------------------------------------


def render_diagrams(
    kb: KB,
    formats: Sequence[str] = FORMATS,
    only: str | None = None,
    cache_dir: Path | None = None,
    progress: bool = False,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_nodes: int = MAX_NODES,
) -> tuple[dict[str, dict[str, bytes]], RenderReport]:
    """Every diagram (or only ``only``) as bytes per format (``{name: {fmt: bytes}}``), from the
    cache or rendered by graphviz, and a report of which were which; :func:`render_all` writes them.

    The arguments and errors are those of :func:`render_all`.
    """
    formats = list(dict.fromkeys(formats))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise ValueError(f"unknown diagram format(s) {unknown}; choose from {', '.join(FORMATS)}")
    names = diagram_names(kb)
    if only is not None and only not in names:
        raise ValueError(f"no diagram named {only!r}; choose from {', '.join(names)}")
    names = [only] if only else names
    graphviz = graphviz_version()
    cache = Path(cache_dir) if cache_dir is not None else DEFAULT_CACHE
    report = RenderReport()
    outputs: dict[str, dict[str, bytes]] = {}
    for index, graph in enumerate(_graphs(kb, names, max_nodes), start=1):
        outputs[graph.name], rendered = _render_or_reuse(kb, graph, formats, cache, graphviz, timeout)
        (report.rendered if rendered else report.cached).append(graph.name)
        if progress:
            state = "rendered" if rendered else "cached"
            print(
                f"diagrams: [{index}/{len(names)}] {graph.name} {state} ({', '.join(formats)})",
                file=sys.stderr,
                flush=True,
            )
    return outputs, report


def render_all(
    kb: KB,
    out_dir: Path,
    formats: Sequence[str] = FORMATS,
    only: str | None = None,
    cache_dir: Path | None = None,
    progress: bool = False,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_nodes: int = MAX_NODES,
) -> RenderReport:
    """Write ``<out_dir>/<name>.<fmt>`` for every diagram (or only ``only``) and report what rendered.

    Args:
        kb: The loaded knowledge base.
        out_dir: Folder for the files (``urls.diagram_file`` names inside the docs folder).
        formats: Any of ``"svg"`` and ``"png"``.
        only: One diagram name (an architecture id or ``"overview"``); all when None.
        cache_dir: Render cache folder; ``.archkb-cache/diagrams`` when None.
        progress: Print one line per diagram on stderr (plain lines, safe for logs and pipes).
        timeout: Seconds graphviz may spend laying out one diagram.
        max_nodes: Most nodes an architecture's topology may have.

    Raises:
        EnvironmentProblem: graphviz is missing, fails, or exceeds ``timeout``.
        KBError: a topology has more than ``max_nodes`` nodes.
        ValueError: an unknown format or diagram name.
    """
    outputs, report = render_diagrams(kb, formats, only, cache_dir, progress, timeout=timeout, max_nodes=max_nodes)
    report.files = _write(Path(out_dir), outputs)  # only once every diagram rendered
    return report
