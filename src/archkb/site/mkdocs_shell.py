"""Shells around the site generator: build the site (``archkb build``), serve it with live reload
(``archkb serve``) and write the generated docs out as plain files (``archkb generate``).

``build_site`` runs a real ``mkdocs build --strict`` into a temporary folder beside the target and
swaps it in only when the build succeeded, so a failed build leaves the last good site untouched
(MkDocs itself cleans the folder first and may abort halfway). ``generate_tree`` gives a
standalone project (``docs/`` with generated and hand-written pages merged, and an ``mkdocs.yml``
without the plugin) that ``zensical build`` or a plain ``mkdocs build`` turns into the same site.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from ..atomic import staged_dir
from ..errors import EnvironmentProblem
from ..kb.model import KB
from ..pages.glossary import abbreviation_block, with_abbreviations
from .generate import extra_assets, generate_site_files, kb_date, site_nav
from .llms import with_llms

#: mkdocs.yml reads the plugin's kb folder from this variable (``kb_dir: !ENV [ARCHKB_KB_DIR, kb]``).
KB_ENV = "ARCHKB_KB_DIR"
#: Written into every folder archkb builds, so a later build may replace it.
MARKER = ".archkb-output"
PLUGIN = "archkb"


class SiteError(Exception):
    """The site could not be built (MkDocs' message says why); the old site is untouched."""


#: Material for MkDocs prints an end-of-life banner on every build unless this is set; the
#: docs-site section of CONTRIBUTING.md covers the move to Zensical instead.
QUIET_ENV = {"NO_MKDOCS_2_WARNING": "1"}


@contextmanager
def kb_env(kb_dir: Path) -> Iterator[None]:
    """Point the plugin at ``kb_dir`` for the duration, then restore the environment."""
    wanted = {KB_ENV: str(Path(kb_dir).resolve())} | {k: v for k, v in QUIET_ENV.items() if k not in os.environ}
    old = {k: os.environ.get(k) for k in wanted}
    os.environ.update(wanted)
    try:
        yield
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@contextmanager
def mkdocs_logging(level: int = logging.INFO) -> Iterator[None]:
    """Show MkDocs' messages (``INFO - ...``) on stderr while building in-process."""
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(level)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)


def check_replaceable(target: Path) -> None:
    """Refuse to replace a folder archkb did not make (``--site-dir .`` must not wipe a repo)."""
    if not target.exists():
        return
    if not target.is_dir():
        raise SiteError(f"{target} exists and is not a folder; choose another output folder")
    entries = list(target.iterdir())
    looks_built = (target / "sitemap.xml").is_file() and (target / "404.html").is_file()
    if entries and not (target / MARKER).is_file() and not looks_built:
        raise SiteError(
            f"{target} is not empty and was not made by archkb; refusing to replace it (choose an empty or new folder)"
        )


def build_site(config_file: Path, kb_dir: Path, site_dir: Path | None = None) -> Path:
    """Run ``mkdocs build --strict`` into a temp folder and swap it in as the site; return its path.

    Raises:
        SiteError: MkDocs failed (a warning in strict mode, a plugin or config error); the old
            site is left exactly as it was.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    with kb_env(kb_dir), mkdocs_logging():
        try:
            target = Path(site_dir) if site_dir else Path(load_config(str(config_file)).site_dir)
            check_replaceable(target)
            with staged_dir(target) as tmp:
                config = load_config(str(config_file), strict=True, site_dir=str(tmp))
                config.plugins.on_startup(command="build", dirty=False)
                try:
                    build(config)
                finally:
                    config.plugins.on_shutdown()
                (tmp / MARKER).write_text("built by archkb build\n", encoding="utf-8")
        except MkDocsException as err:
            raise SiteError(f"the site was not built: {err}") from err
    return target


def serve_site(config_file: Path, kb_dir: Path, dev_addr: str | None = None) -> None:
    """``mkdocs serve`` with live reload: rebuilds when docs/, mkdocs.yml or the kb change."""
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    options: dict[str, Any] = {"dev_addr": dev_addr} if dev_addr else {}
    with kb_env(kb_dir), mkdocs_logging():
        try:
            serve(str(config_file), livereload=True, open_in_browser=False, **options)
        except MkDocsException as err:
            raise SiteError(f"the site could not be served: {err}") from err
        except OSError as err:
            raise EnvironmentProblem(f"cannot serve on {dev_addr or 'the default address'}: {err}") from err


def hand_written(docs_dir: Path) -> dict[str, bytes]:
    """The files of the hand-written docs folder (dot files skipped), by docs-relative path."""
    if not docs_dir.is_dir():
        return {}
    return {
        p.relative_to(docs_dir).as_posix(): p.read_bytes()
        for p in sorted(docs_dir.rglob("*"))
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(docs_dir).parts)
    }


def source_date_epoch(kb: KB) -> int:
    """The KB's newest date as seconds since the epoch (what SOURCE_DATE_EPOCH should be)."""
    return int(datetime.fromisoformat(kb_date(kb)).replace(tzinfo=UTC).timestamp())


def read_config(config_file: Path) -> dict[str, Any]:
    """The raw mkdocs.yml (``!ENV`` tags resolved, ``INHERIT`` merged), before MkDocs validates it."""
    from mkdocs.utils.yaml import yaml_load

    with open(config_file, encoding="utf-8") as handle:
        return dict(yaml_load(handle) or {})


def standalone_config(config_file: Path, kb: KB, pages: list[str], quiz: bool = True) -> str:
    """The project's mkdocs.yml for the generated folder: no archkb plugin, an explicit nav, the
    plugin's CSS and JS listed, ``docs_dir: docs``. Zensical and plain MkDocs both read it."""
    raw = read_config(config_file)
    plugins = [p for p in raw.get("plugins") or [] if p != PLUGIN and not (isinstance(p, dict) and PLUGIN in p)]
    raw.update(docs_dir="docs", site_dir="site", plugins=plugins, nav=site_nav(kb, pages))
    styles, scripts = extra_assets(quiz)
    raw["extra_css"] = list(dict.fromkeys(list(raw.get("extra_css") or []) + list(styles)))
    raw["extra_javascript"] = list(dict.fromkeys(list(raw.get("extra_javascript") or []) + list(scripts)))
    header = (
        "# Generated by `archkb generate` from the project's mkdocs.yml: do not edit.\n"
        "# Build with `zensical build` or `mkdocs build` in this folder. For the sitemap dates the\n"
        f"# archkb plugin uses, set SOURCE_DATE_EPOCH={source_date_epoch(kb)} (the KB's newest date).\n"
    )
    return header + yaml.safe_dump(raw, sort_keys=False, allow_unicode=True, width=120)


def generate_tree(
    kb: KB,
    docs_dir: Path,
    config_file: Path,
    *,
    diagrams: bool = True,
    quiz: bool = True,
    cache_dir: Path | None = None,
) -> dict[str, bytes]:
    """A standalone site project as files: ``docs/**`` and ``mkdocs.yml`` (path -> bytes).

    Generated and hand-written pages are merged, and every page gets the abbreviation definitions
    the plugin would append, so the project builds to the same site without the plugin.

    Raises:
        SiteError: a hand-written file has the path of a generated one.
    """
    raw = read_config(config_file)
    directory_urls = bool(raw.get("use_directory_urls", True))
    generated = generate_site_files(
        kb, diagrams=diagrams, quiz=quiz, cache_dir=cache_dir, use_directory_urls=directory_urls
    )
    summary = str(raw.get("site_description") or "")
    generated = with_llms(generated, kb, str(raw.get("site_name") or ""), summary, directory_urls)
    written = hand_written(docs_dir)
    clashes = sorted(set(generated) & set(written))
    if clashes:
        raise SiteError(f"these files in {docs_dir} would hide generated ones; remove them: {', '.join(clashes)}")
    block = abbreviation_block(kb)
    merged = dict(sorted({**written, **generated}.items()))
    for path, data in merged.items():
        if path.endswith(".md"):
            merged[path] = with_abbreviations(data.decode("utf-8"), block).encode("utf-8")
    tree = {f"docs/{path}": data for path, data in merged.items()}
    tree["mkdocs.yml"] = standalone_config(config_file, kb, [p for p in merged if p.endswith(".md")], quiz).encode(
        "utf-8"
    )
    return tree


def write_tree(out_dir: Path, tree: dict[str, bytes], docs_dir: Path | None = None) -> None:
    """Write ``tree`` as the whole of ``out_dir``, swapped in at once (never inside ``docs_dir``)."""
    out = Path(out_dir).resolve()
    if docs_dir is not None:
        docs = Path(docs_dir).resolve()
        if out == docs or docs in out.parents or out in docs.parents:
            raise SiteError(
                f"{out_dir} overlaps the hand-written docs folder {docs_dir}; write generated files elsewhere"
            )
    check_replaceable(out)
    with staged_dir(out) as tmp:
        for path, data in {**tree, MARKER: b"generated by archkb generate\n"}.items():
            place(tmp / path, data, out / path)


def place(target: Path, data: bytes, previous: Path) -> None:
    """Write ``data`` at ``target``, or hard-link ``previous`` there when it already holds exactly ``data``.

    A regenerated folder is still swapped in whole, but its unchanged files keep their inode and
    mtime, so a watcher, an incremental builder or rsync sees only the files that really changed.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        if (
            previous.is_file()
            and not previous.is_symlink()
            and previous.stat().st_size == len(data)
            and previous.read_bytes() == data
        ):
            os.link(previous, target)
            return
    except OSError:  # another file system, no hard links: write it
        pass
    target.write_bytes(data)
