"""The MkDocs plugin, driven through MkDocs' own config loading and events."""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import get_files

from archkb import plugin as plugin_module
from archkb import urls

from ..sitekit import BASE_KB, make_project


@pytest.fixture
def project(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("ARCHKB_KB_DIR", raising=False)
    return make_project(tmp_path / "project", cache=tmp_path_factory.getbasetemp() / "diagram-cache")


def loaded(project: Path):  # type: ignore[no-untyped-def]
    config = load_config(str(project / "mkdocs.yml"))
    return config, config.plugins["archkb"]


def test_registered_as_an_mkdocs_plugin() -> None:
    found = {ep.name: ep.value for ep in entry_points(group="mkdocs.plugins")}
    assert found.get("archkb") == "archkb.plugin:ArchkbPlugin"


def test_adds_generated_pages_nav_and_assets(project: Path) -> None:
    config, plugin = loaded(project)
    config = config.plugins.on_config(config)
    assert "assets/archkb/archkb.css" in config.extra_css
    assert "assets/archkb/guide.js" in [str(s) for s in config.extra_javascript]
    files = config.plugins.on_files(get_files(config), config=config)
    paths = {f.src_uri for f in files}
    assert {
        urls.HOME,
        urls.GLOSSARY,
        urls.architecture_page("vk8s"),
        urls.diagram_file("vk8s"),
        "introduction.md",
    } <= paths
    assert files.get_file_from_path(urls.HOME).generated_by == "archkb"  # type: ignore[union-attr]
    assert config.nav[0] == {"Home": [urls.HOME, "introduction.md"]}
    assert not (project / "docs" / urls.HOME).exists(), "generated pages never land in docs/"


def test_appends_abbreviations_to_every_page(project: Path) -> None:
    config, plugin = loaded(project)
    config.plugins.on_config(config)
    out = config.plugins.on_page_markdown("# Hand-written\n\nAn RE.\n", page=None, config=config, files=None)  # type: ignore[arg-type]
    assert out.startswith("# Hand-written\n\nAn RE.\n\n*[") and "\n*[RE]: Regional Edge" in out


def test_kb_problems_become_one_plugin_error_line_each(project: Path) -> None:
    broken = project / "kb" / "restrictions.yaml"
    broken.write_text(broken.read_text().replace("applies_to: [vk8s]", "applies_to: [vk8z]", 2))
    config, plugin = loaded(project)
    with pytest.raises(PluginError) as caught:
        config.plugins.on_config(config)
    lines = str(caught.value).splitlines()
    assert lines[0] == "the knowledge base has problems:"
    assert len(lines) == 3 and all(
        "restrictions.yaml:" in ln and "unknown architecture 'vk8z'" in ln for ln in lines[1:]
    )


def test_a_docs_file_may_not_hide_a_generated_one(project: Path) -> None:
    (project / "docs" / "glossary.md").write_text("# Mine\n")
    config, plugin = loaded(project)
    config.plugins.on_config(config)
    with pytest.raises(PluginError, match="glossary.md"):
        config.plugins.on_files(get_files(config), config=config)


def test_unchanged_kb_is_not_regenerated(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []
    real = plugin_module.generate_site_files
    monkeypatch.setattr(
        plugin_module, "generate_site_files", lambda kb, **kw: calls.append(kw["cache_dir"]) or real(kb, **kw)
    )
    config, plugin = loaded(project)
    config.plugins.on_config(config)
    assert len(calls) == 1
    config.plugins.on_config(config)
    assert len(calls) == 1
    summary = project / "kb" / "architectures" / "3-vk8s.yaml"
    summary.write_text(summary.read_text() + "\n# a comment changes the fingerprint\n")
    config.plugins.on_config(config)
    assert len(calls) == 2


def test_kb_dir_option_and_watch(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    other = tmp_path / "other-kb"
    shutil.copytree(BASE_KB, other)
    monkeypatch.setenv("ARCHKB_KB_DIR", str(other))
    config, plugin = loaded(project)
    config.plugins.on_config(config)
    assert urls.architecture_page("one") in {
        f.src_uri for f in config.plugins.on_files(get_files(config), config=config)
    }

    class Server:
        watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = config.plugins.on_serve(Server(), config=config, builder=None)
    assert server.watched == [str(other)]


def test_pages_are_dated_by_the_kb(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.structure.pages import Page

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    config, plugin = loaded(project)
    config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    page = Page(None, files.get_file_from_path(urls.HOME), config)
    assert config.plugins.on_pre_page(page, config=config, files=files).update_date == plugin._date
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    page = Page(None, files.get_file_from_path(urls.HOME), config)
    assert config.plugins.on_pre_page(page, config=config, files=files).update_date == "1970-01-01"
