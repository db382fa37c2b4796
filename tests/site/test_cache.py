"""The plugin's cache of generated site files: a warm build generates nothing, any change regenerates."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config

from archkb import plugin as plugin_module
from archkb.site import cache as site_cache

from ..sitekit import make_project


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("ARCHKB_KB_DIR", raising=False)
    return make_project(tmp_path / "project")


@pytest.fixture
def generations(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry per real generation of the site files."""
    calls: list[int] = []
    real = plugin_module.generate_site

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(plugin_module, "generate_site", counting)
    return calls


def build_files(project: Path) -> dict[str, bytes]:
    """What a new `mkdocs build` process generates for the project.

    MkDocs keeps the plugin instance between config loads in one process (as under `serve`), so
    its in-memory state is cleared: only the cache on disk may spare a generation.
    """
    config = load_config(str(project / "mkdocs.yml"))
    plugin = config.plugins["archkb"]
    plugin._key = plugin._kb = None  # noqa: SLF001
    plugin.on_config(config)
    return dict(plugin._files)  # noqa: SLF001 - the generated files are what the cache must reproduce


def test_a_warm_build_generates_nothing_and_gets_the_same_files(project: Path, generations: list[int]) -> None:
    cold = build_files(project)
    assert generations == [1]
    warm = build_files(project)
    assert generations == [1], "an unchanged KB must reuse the stored files"
    assert warm == cold


def test_a_kb_change_regenerates_and_keeps_only_the_newest_entry(project: Path, generations: list[int]) -> None:
    build_files(project)
    vk8s = project / "kb" / "architectures" / "3-vk8s.yaml"
    vk8s.write_text(
        vk8s.read_text(encoding="utf-8").replace("gives you a single namespace", "gives you one namespace"),
        encoding="utf-8",
    )
    changed = build_files(project)
    assert generations == [1, 1]
    assert b"gives you one namespace" in changed["architectures/vk8s.md"]
    assert len([p for p in (project / ".archkb-cache" / "site").iterdir() if not p.name.startswith(".")]) == 1


def test_a_code_or_option_change_regenerates(
    project: Path, generations: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    build_files(project)
    monkeypatch.setattr(site_cache, "code_digest", lambda: "an edited page generator")
    build_files(project)
    assert generations == [1, 1]
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("use_directory_urls: false", "use_directory_urls: true"),
        encoding="utf-8",
    )
    build_files(project)
    assert generations == [1, 1, 1]


def test_a_damaged_entry_is_regenerated(project: Path, generations: list[int]) -> None:
    cold = build_files(project)
    entry = next(p for p in (project / ".archkb-cache" / "site").iterdir() if not p.name.startswith("."))
    victim = next(p for p in (entry / "files").rglob("*.md"))
    victim.write_bytes(victim.read_bytes()[:-1])
    assert build_files(project) == cold
    assert generations == [1, 1]
    (entry / site_cache.INDEX).write_text("not json", encoding="utf-8")
    assert build_files(project) == cold
    assert generations == [1, 1, 1]


def test_the_code_digest_covers_the_page_generators() -> None:
    root = Path(site_cache.__file__).resolve().parents[1]
    assert (root / "pages" / "comparison.py").is_file() and len(site_cache.code_digest()) == 64
