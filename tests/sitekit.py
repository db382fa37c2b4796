"""Helpers for the site tests: a hostile copy of the fixture KB, tree hashes, a static file server."""

from __future__ import annotations

import functools
import hashlib
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
BASE_KB = ROOT / "tests" / "fixtures" / "base-kb"
REAL_KB = ROOT / "kb"

#: Text that would break a page if it reached Markdown or HTML unescaped.
HOSTILE = {
    "emphasis": "*x* and _y_ and **z**",
    "pipe": "a|b",
    "heading": "first line\n# injected heading",
    "script": "<script>alert(1)</script> & <b>bold</b>",
    "link": "[click](javascript:alert(1))",
    "list": "- not an item",
    "attr": "text {#evil .evil}",
}


def edit_yaml(path: Path, change: Any) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def hostile_kb(dest: Path) -> Path:
    """A copy of the fixture KB whose plain-text fields hold :data:`HOSTILE` strings."""
    shutil.copytree(BASE_KB, dest)

    def concepts(d: dict[str, Any]) -> None:
        d["concepts"][1]["definition"] = HOSTILE["script"]
        d["concepts"][0]["name"] = HOSTILE["emphasis"]

    def restrictions(d: dict[str, Any]) -> None:
        d["restrictions"][0]["text"] = HOSTILE["emphasis"]
        d["restrictions"][1]["name"] = HOSTILE["attr"]

    def qa(d: dict[str, Any]) -> None:
        d["threads"][0]["title"] = HOSTILE["heading"]
        d["threads"][0]["answers"][0]["text"] = HOSTILE["link"]
        d["cni_table"]["rows"][0]["setup"] = HOSTILE["pipe"]
        d["cni_table"]["rows"][0]["platform"] = HOSTILE["list"]

    def sources(d: dict[str, Any]) -> None:
        d["sources"][0]["title"] = HOSTILE["script"]
        d["sources"][0]["sections"][0]["title"] = HOSTILE["pipe"]

    def architecture(d: dict[str, Any]) -> None:
        d["name"] = HOSTILE["link"]
        d["summary"]["text"] = HOSTILE["heading"]
        d["use_cases"][0]["text"] = HOSTILE["list"]

    edit_yaml(dest / "concepts.yaml", concepts)
    edit_yaml(dest / "restrictions.yaml", restrictions)
    edit_yaml(dest / "qa.yaml", qa)
    edit_yaml(dest / "sources.yaml", sources)
    edit_yaml(dest / "architectures" / "1-one.yaml", architecture)
    return dest


def tree_hash(folder: Path) -> str:
    """One hash over every file's relative path and bytes."""
    digest = hashlib.sha256()
    for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the signature of the base class
        pass


@contextmanager
def static_server(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 in a thread; yield the base URL."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def markdown_extensions() -> list[Any]:
    """The markdown_extensions of the repository's mkdocs.yml, as Python-Markdown takes them."""
    from mkdocs.utils.yaml import yaml_load

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as handle:
        config = yaml_load(handle)
    return list(config["markdown_extensions"])


def render_markdown(source: str) -> str:
    """``source`` as HTML, with the extensions and options mkdocs.yml configures."""
    import markdown

    names, configs = [], {}
    for item in markdown_extensions():
        if isinstance(item, dict):
            ((name, options),) = item.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(item)
    return markdown.markdown(source, extensions=names, extension_configs=configs)


def make_project(dest: Path, kb: Path = REAL_KB, cache: Path | None = None) -> Path:
    """A copy of the site project (mkdocs.yml, docs/, a kb) at ``dest``; ``cache`` is shared as its
    .archkb-cache so diagrams render once per test session."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", dest / "docs")
    shutil.copytree(kb, dest / "kb")
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        (dest / ".archkb-cache").symlink_to(cache, target_is_directory=True)
    return dest


#: (id, answers to the decision guide, architectures that must fit): the spec, read off the article.
GUIDE_CASES = [
    ("hosted-and-privileged", {"host": "yes", "privileged": "yes"}, ["mk8s"]),
    ("regions-without-infrastructure", {"regions": "yes"}, ["vk8s"]),
    ("own-cluster-ce-outside", {"cluster": "yes", "where": "outside"}, ["secure-k8s-gateway"]),
    ("own-cluster-pods-inside", {"cluster": "yes", "where": "inside"}, ["k8s-site"]),
    ("xc-runs-kubernetes", {"lifecycle": "yes"}, ["mk8s"]),
    ("clusterip-of-own-cluster", {"host": "no", "clusterip": "yes"}, ["secure-k8s-gateway", "k8s-site"]),
    ("clusterip-alone", {"clusterip": "yes"}, ["secure-k8s-gateway", "k8s-site"]),
    ("platform-with-crds", {"cluster": "no", "privileged": "yes"}, ["mk8s"]),
    ("contradictory", {"cluster": "yes", "host": "yes"}, []),
    ("no-answers", {}, ["secure-k8s-gateway", "k8s-site", "vk8s", "mk8s"]),
]


#: Debian's Chromium (never a downloaded browser), started with the flags of the project brief.
CHROMIUM = os.environ.get("ARCHKB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium through playwright; where there is none the test fails (skips with ARCHKB_BROWSER=0)."""
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        why = f"no Chromium at {CHROMIUM} (scripts/setup.sh installs Debian's chromium; or set ARCHKB_CHROMIUM)"
        if os.environ.get("ARCHKB_BROWSER", "1") == "0":  # setup.sh was told not to install it
            pytest.skip(why)
        pytest.fail(why)
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def build_site(project: Path) -> Path:
    """``archkb build`` of ``project`` in a real process, as a user runs it; the built ``site/``."""
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "ARCHKB_KB_DIR")} | {
        "NO_MKDOCS_2_WARNING": "1"
    }
    result = subprocess.run(
        [sys.executable, "-m", "archkb", "build"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return project / "site"
