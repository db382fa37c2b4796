"""The MkDocs plugin: generates the site's pages, diagrams and quiz from ``kb/`` at build time.

Enable it in ``mkdocs.yml`` (``plugins: [search, archkb]``); ``mkdocs build`` and ``mkdocs serve``
then need no separate step, and ``mkdocs serve`` regenerates the pages when a kb file changes.
Generated files live in memory only (never in ``docs/``, which would loop ``mkdocs serve``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, file_sort_key
from mkdocs.structure.pages import Page

from .errors import EnvironmentProblem, KBError
from .kb import load_kb
from .kb.files import fingerprint
from .kb.model import KB
from .pages.glossary import with_abbreviations
from .site.generate import abbreviations, extra_assets, generate_site_files, kb_date, site_nav
from .site.llms import with_llms

log = get_plugin_logger(__name__)


class ArchkbConfig(base.Config):  # type: ignore[no-untyped-call]  # mkdocs' Config.__init_subclass__ is untyped
    """Options of the ``archkb`` plugin in ``mkdocs.yml``."""

    kb_dir = c.Dir(exists=True, default="kb")
    """The knowledge base folder (relative to ``mkdocs.yml``)."""
    cache_dir = c.Type(str, default=".archkb-cache")
    """Cache folder for rendered diagrams (relative to ``mkdocs.yml``)."""
    diagrams = c.Type(bool, default=True)
    """Render the architecture diagrams with graphviz."""
    quiz = c.Type(bool, default=True)
    """Add the quiz page."""


class ArchkbPlugin(BasePlugin[ArchkbConfig]):  # type: ignore[no-untyped-call]
    """Adds the generated pages in ``on_files``; generates again only when the KB's bytes change."""

    def __init__(self) -> None:
        self._key: tuple[Any, ...] | None = None
        self._kb: KB | None = None
        self._files: dict[str, bytes] = {}
        self._abbreviations = ""
        self._date = ""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that MkDocs keeps this instance (and its cache) across ``serve`` rebuilds."""

    def _cache_dir(self, config: MkDocsConfig) -> Path:
        path = Path(self.config.cache_dir)
        return path if path.is_absolute() else Path(config.config_file_path or ".").resolve().parent / path

    def _generate(self, config: MkDocsConfig) -> tuple[KB, dict[str, bytes]]:
        kb_dir = Path(self.config.kb_dir)
        try:
            key = (
                str(kb_dir.resolve()),
                fingerprint(kb_dir),
                self.config.diagrams,
                self.config.quiz,
                config.use_directory_urls,
            )
            if key != self._key or self._kb is None:
                kb = load_kb(kb_dir)
                files = generate_site_files(
                    kb,
                    diagrams=self.config.diagrams,
                    quiz=self.config.quiz,
                    cache_dir=self._cache_dir(config) / "diagrams",
                    use_directory_urls=config.use_directory_urls,
                    kb_dir=kb_dir,
                )
                files = with_llms(files, kb, config.site_name, config.site_description or "", config.use_directory_urls)
                self._key, self._kb, self._files = key, kb, files
                self._abbreviations, self._date = abbreviations(kb), kb_date(kb)
                log.info(f"generated {len(files)} files from {kb_dir}")
            else:
                log.debug("knowledge base unchanged: reusing the generated files")
        except KBError as err:
            raise PluginError("the knowledge base has problems:\n" + "\n".join(str(p) for p in err.problems)) from err
        except EnvironmentProblem as err:
            raise PluginError(str(err)) from err
        return self._kb, self._files

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._generate(config)
        styles, scripts = extra_assets(self.config.quiz)
        for css in styles:
            if css not in config.extra_css:
                config.extra_css.append(css)
        for js in scripts:
            if js not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(js)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        kb, generated = self._generate(config)
        clashes = sorted(p for p in generated if files.get_file_from_path(p) is not None)
        if clashes:
            raise PluginError(
                "these files in docs_dir would hide generated ones; remove them from docs/:\n" + "\n".join(clashes)
            )
        for path, content in generated.items():
            files.append(File.generated(config, path, content=content))
        files = Files(sorted(files, key=file_sort_key))  # the order get_files gives a docs folder holding them all
        if config.nav is None:
            config.nav = site_nav(kb, [f.src_uri for f in files.documentation_pages()])
        return files

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        """Date every page by the KB (unless SOURCE_DATE_EPOCH says otherwise): the clock never
        reaches the sitemap, so building on another day gives the same bytes."""
        if self._date and "SOURCE_DATE_EPOCH" not in os.environ:
            page.update_date = self._date
        return page

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Append the abbreviation definitions, so every abbreviation on every page has a tooltip."""
        return with_abbreviations(markdown, self._abbreviations)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(Path(self.config.kb_dir)))
        return server
