"""Real builds of the site: `archkb build` (mkdocs build --strict), determinism, the swap that keeps
the last good site, `archkb generate` with plain MkDocs and Zensical, and live reload under serve."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import pytest

from archkb.kb import load_kb
from archkb.site import generate as site_module
from archkb.site.mkdocs_shell import source_date_epoch

from ..conftest import REAL_KB
from ..sitekit import edit_yaml, free_port, hostile_kb, make_project, tree_hash

pytestmark = pytest.mark.slow  # every test here runs real MkDocs (or Zensical) builds

PY = sys.executable
BUILD_TIMEOUT = 600


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "ARCHKB_KB_DIR")}
    full_env.update(env or {})
    full_env["NO_MKDOCS_2_WARNING"] = "1"
    return subprocess.run(
        args, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=BUILD_TIMEOUT, check=False
    )


def archkb(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return run([PY, "-m", "archkb", *args], cwd, env)


@pytest.fixture
def project(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path / "project", cache=tmp_path_factory.getbasetemp() / "diagram-cache")


def site_files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".archkb-output"
    }


def test_real_kb_builds_strict_and_twice_the_same(project: Path) -> None:
    first = archkb(project, "build", "--site-dir", "site-a")
    assert first.returncode == 0, first.stderr
    second = archkb(project, "build", "--site-dir", "site-b")
    assert second.returncode == 0, second.stderr
    assert "WARNING" not in first.stderr + second.stderr
    assert tree_hash(project / "site-a") == tree_hash(project / "site-b")
    kb = load_kb(project / "kb")
    pages = ["index.html", "glossary.html", "quiz.html" if site_module.has_quiz() else "qa.html"] + [
        f"architectures/{a.id}.html" for a in kb.architectures
    ]
    for page in pages:
        assert (project / "site-a" / page).is_file(), page


def test_the_clock_never_reaches_the_output(project: Path) -> None:
    result = archkb(project, "build", "--site-dir", "site")
    assert result.returncode == 0, result.stderr
    kb = load_kb(project / "kb")
    sitemap = (project / "site" / "sitemap.xml").read_text()
    dates = set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap))
    assert dates == {site_module.kb_date(kb)}
    assert datetime.now(UTC).date().isoformat() not in sitemap
    raw = (project / "site" / "sitemap.xml.gz").read_bytes()
    assert int.from_bytes(raw[4:8], "little") == source_date_epoch(kb), "the gzip header's mtime is the KB's date"
    assert gzip.decompress(raw).decode() == sitemap
    today = datetime.now(UTC).strftime("%Y-%m-%d")
    stale = [p for p, data in site_files(project / "site").items() if today.encode() in data]
    assert not stale, stale


def test_a_failed_build_keeps_the_last_good_site(project: Path) -> None:
    assert archkb(project, "build").returncode == 0
    good = tree_hash(project / "site")

    restrictions = project / "kb" / "restrictions.yaml"
    original = restrictions.read_text()
    restrictions.write_text(original.replace("applies_to: [vk8s]", "applies_to: [vk8z]", 1))
    broken_kb = archkb(project, "build")
    assert broken_kb.returncode == 1
    assert re.search(r"restrictions\.yaml:\d+:\d+: unknown architecture 'vk8z'", broken_kb.stderr), broken_kb.stderr
    assert "Traceback" not in broken_kb.stderr
    assert tree_hash(project / "site") == good

    restrictions.write_text(original)
    (project / "docs" / "introduction.md").write_text("# Introduction\n\nSee [nowhere](missing.md).\n")
    strict = archkb(project, "build")
    assert strict.returncode == 1
    assert "missing.md" in strict.stderr and "the site was not built" in strict.stderr
    assert tree_hash(project / "site") == good
    assert not [p.name for p in project.iterdir() if p.name.startswith(".site.")], "no temp folder left behind"


def test_refuses_to_replace_a_folder_it_did_not_make(project: Path) -> None:
    keep = project / "notes"
    keep.mkdir()
    (keep / "mine.txt").write_text("precious")
    result = archkb(project, "build", "--site-dir", "notes")
    assert result.returncode == 1 and "refusing to replace it" in result.stderr
    assert (keep / "mine.txt").read_text() == "precious"


def test_hostile_kb_text_builds_strict_and_stays_text(project: Path) -> None:
    shutil.rmtree(project / "kb")
    hostile_kb(project / "kb")
    result = archkb(project, "build")
    assert result.returncode == 0, result.stderr
    html = "\n".join(data.decode() for path, data in site_files(project / "site").items() if path.endswith(".html"))
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not re.search(r"(href|src)=\"\s*javascript:", html)


def test_generate_writes_a_standalone_project_that_plain_mkdocs_builds_identically(project: Path) -> None:
    epoch = str(source_date_epoch(load_kb(project / "kb")))
    generated = archkb(project, "generate", "--out", "gen")
    assert generated.returncode == 0, generated.stderr
    assert not (project / "docs" / "index.md").exists(), "nothing generated lands in docs/"
    plain = run(
        [PY, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", str(project / "site-plain")],
        project / "gen",
        {"SOURCE_DATE_EPOCH": epoch},
    )
    assert plain.returncode == 0, plain.stderr
    with_plugin = archkb(project, "build", "--site-dir", "site-plugin", env={"SOURCE_DATE_EPOCH": epoch})
    assert with_plugin.returncode == 0, with_plugin.stderr
    a, b = site_files(project / "site-plain"), site_files(project / "site-plugin")
    assert sorted(a) == sorted(b)
    differ = [p for p in a if a[p] != b[p]]
    assert not differ, differ


def test_generate_never_writes_into_docs(project: Path) -> None:
    result = archkb(project, "generate", "--out", "docs/generated")
    assert result.returncode == 1 and "overlaps the hand-written docs folder" in result.stderr
    assert not (project / "docs" / "generated").exists()


def test_zensical_builds_the_generated_project(project: Path) -> None:
    zensical = shutil.which("zensical", path=str(Path(PY).parent)) or shutil.which("zensical")
    if zensical is None:
        pytest.skip("zensical is not installed (pip install zensical)")
    assert archkb(project, "generate", "--out", "gen").returncode == 0
    result = run([zensical, "build", "-f", "mkdocs.yml"], project / "gen")
    if result.returncode != 0 and (
        "No module named" in result.stderr or "not supported on this platform" in result.stderr
    ):
        pytest.skip(f"zensical cannot run here: {result.stderr.strip().splitlines()[-1]}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert archkb(project, "build").returncode == 0
    built = project / "gen" / "site"
    mk = {p for p in site_files(project / "site") if p.endswith(".html")}
    zs = {p for p in site_files(built) if p.endswith(".html")}
    assert mk == zs, mk ^ zs
    for page in mk:
        ids_mk = set(re.findall(r' id="([^"]+)"', (project / "site" / page).read_text()))
        ids_zs = set(re.findall(r' id="([^"]+)"', (built / page).read_text()))
        content_ids = {i for i in ids_mk if not i.startswith("__")}
        assert content_ids <= ids_zs | {i for i in content_ids if i.startswith(("md-", "__"))}, (
            page,
            sorted(content_ids - ids_zs)[:10],
        )
    assert "archkb-guide-data" in (built / "index.html").read_text()


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, predicate, timeout: float, process: subprocess.Popen[bytes], log: Path) -> str:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = fetch(url)
        if body is not None and predicate(body):
            return body
        if process.poll() is not None:
            raise AssertionError(f"the server exited early:\n{log.read_text()}")
        time.sleep(0.5)
    raise AssertionError(f"timed out after {timeout}s waiting for {url}:\n{log.read_text()[-3000:]}")


@pytest.mark.parametrize("command", ["mkdocs serve --livereload", "archkb serve"])
def test_live_reload_regenerates_pages_when_a_kb_file_changes(project: Path, command: str) -> None:
    port = free_port()
    addr = f"127.0.0.1:{port}"
    if command.startswith("mkdocs"):
        args = [PY, "-m", "mkdocs", "serve", "--livereload", "-f", "mkdocs.yml", "-a", addr]
    else:
        args = [PY, "-m", "archkb", "serve", "--dev-addr", addr]
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "ARCHKB_KB_DIR")} | {
        "NO_MKDOCS_2_WARNING": "1"
    }
    log = project.parent / "serve.log"
    with open(log, "wb") as sink:
        process = subprocess.Popen(args, cwd=project, env=env, stdout=sink, stderr=subprocess.STDOUT)
    try:
        url = f"http://{addr}/architectures/vk8s.html"
        first = wait_for(url, lambda body: "<h1" in body, 180, process, log)
        assert "livereload" in first, "the served page carries the live-reload script"
        marker = "Livereloadmarker shows that the page was regenerated."
        edit_yaml(project / "kb" / "architectures" / "3-vk8s.yaml", lambda data: data["summary"].update(text=marker))
        wait_for(url, lambda body: marker in body, 180, process, log)
        assert marker in (fetch(f"http://{addr}/index.html") or ""), "the home page's paragraph changed too"
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)


def test_a_kb_three_times_the_real_one_builds_strict_with_every_paged_list(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """90 sources and 12 architectures: three sources pages and two comparison pages. The strict build
    checks every link and anchor, so a citation that points at the wrong sources page fails it."""
    from ..system.test_synth_kb import synth

    kb = synth.make_synthetic_kb(REAL_KB, tmp_path / "kb3", 3)
    project = make_project(tmp_path / "project", kb=kb, cache=tmp_path_factory.getbasetemp() / "diagram-cache")
    built = archkb(project, "build", "--site-dir", "site")
    assert built.returncode == 0, built.stderr[-3000:]
    assert "WARNING" not in built.stderr
    site = project / "site"
    for page in ("sources.html", "sources-2.html", "sources-3.html", "comparison-2.html"):
        assert (site / page).is_file(), page
    assert not (site / "sources-4.html").exists()
    later = (site / "architectures" / "vk8s-c3.html").read_text(encoding="utf-8")
    cites = set(re.findall(r'href="\.\./(sources(?:-\d+)?\.html)#(cite-[^"]+)"', later))
    assert {page for page, _ in cites} - {"sources.html"}, "copy 3 cites sources listed after the first page"
    for page, anchor in cites:
        assert f'id="{anchor}"' in (site / page).read_text(encoding="utf-8"), f"{page}#{anchor}"
