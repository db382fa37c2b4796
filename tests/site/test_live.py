"""Live reload with each engine under ``archkb serve``: a kb edit shows in the served page, a renamed
architecture's old page is gone, and stopping the server leaves no process behind; and the sync that
feeds Zensical writes only changed files and removes stale ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from archkb.site.live import stamps, sync_tree

from ..sitekit import BASE_KB, edit_yaml, make_project, served, status


def test_sync_writes_only_changed_files_and_removes_stale_ones(tmp_path: Path) -> None:
    tree = {"mkdocs.yml": b"site_name: x\n", "docs/a.md": b"# A\n", "docs/sub/b.md": b"# B\n", "docs/c.md": b"# C\n"}
    assert sync_tree(tmp_path, tree) == (sorted(tree), [])
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "a.html").write_text("built by the engine")
    before = {p: (s.st_ino, s.st_mtime_ns) for p, s in ((p, Path(p).stat()) for p in stamps([tmp_path]))}
    changed = {"mkdocs.yml": tree["mkdocs.yml"], "docs/a.md": b"# A, edited\n", "docs/d.md": b"# D\n"}
    assert sync_tree(tmp_path, changed) == (["docs/a.md", "docs/d.md"], ["docs/c.md", "docs/sub/b.md"])
    assert not (tmp_path / "docs" / "sub").exists(), "an emptied folder goes too"
    assert (tmp_path / "site" / "a.html").is_file(), "the engine's own output is left alone"
    kept = tmp_path / "mkdocs.yml"
    assert (kept.stat().st_ino, kept.stat().st_mtime_ns) == before[str(kept)], "an unchanged file is not rewritten"
    assert sync_tree(tmp_path, changed) == ([], [])


def rename_architecture(kb: Path, old: str, new: str) -> None:
    """Give architecture ``old`` the id ``new`` (its file and every reference), as an author would."""
    source = kb / "architectures" / f"2-{old}.yaml"
    edit_yaml(source, lambda d: d.update(id=new))
    source.rename(source.with_name(f"2-{new}.yaml"))
    edit_yaml(kb / "restrictions.yaml", lambda d: [r.update(applies_to=[new]) for r in d["restrictions"]])


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["mkdocs", "properdocs", "zensical"])
def test_serve_shows_a_kb_edit_and_drops_a_renamed_page(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, engine: str
) -> None:
    project = make_project(tmp_path / "project", kb=BASE_KB, cache=tmp_path_factory.getbasetemp() / "diagram-cache")
    with served(project, engine, tmp_path / "serve.log") as (addr, wait):
        page = f"http://{addr}/architectures/two.html"
        assert "Architecture two" in wait(page, lambda code, body: code == 200 and "<h1" in body)
        marker = "Livereloadmarker shows that the page was regenerated."
        edit_yaml(project / "kb" / "architectures" / "2-two.yaml", lambda d: d["summary"].update(text=marker))
        wait(page, lambda code, body: marker in body)

        rename_architecture(project / "kb", "two", "deux")
        renamed = f"http://{addr}/architectures/deux.html"
        assert marker in wait(renamed, lambda code, body: code == 200 and "<h1" in body)
        wait(page, lambda code, body: code == 404)
        home = status(f"http://{addr}/index.html")[1]
        assert "architectures/deux.html" in home and "architectures/two.html" not in home
    if engine == "zensical":
        folder = project / ".archkb-cache" / "serve-zensical" / "docs" / "architectures"
        assert sorted(p.name for p in folder.iterdir()) == ["deux.md", "deux.md.txt", "one.md", "one.md.txt"], (
            "no stale page survives"
        )
