"""Page generators: pure functions from the model (:class:`archkb.kb.model.KB`) to Markdown.

One module per page family; :func:`generate_pages` runs them all (:func:`page_units` lists them
for :mod:`archkb.site.rerun`). Every KB string is escaped
(:mod:`archkb.pages.escape`), every link is Markdown relative to the page (so MkDocs validates it),
and every fact carries an anchor from its id and links to the source section it cites.
"""

from __future__ import annotations

from functools import partial

from .. import urls
from ..gcpause import no_cycle_collection
from ..kb.model import KB
from ..site.rerun import Unit
from . import architecture, changes, comparison, glossary, home, qa, reference, restrictions, sources


def generate_pages(
    kb: KB, diagram_alts: dict[str, str] | None = None, home_links: dict[str, str] | None = None
) -> dict[str, str]:
    """Docs-relative path -> Markdown for every generated page.

    Args:
        kb: the knowledge base.
        diagram_alts: diagram name (architecture id, or ``overview``) -> alt text, for the diagrams
            rendered to :func:`archkb.urls.diagram_file`; the other architectures get a note instead.
        home_links: extra "where to go next" links for the home page (label -> docs-relative path).
    """
    with no_cycle_collection():  # see archkb.cycles
        return {
            path: text for unit in page_units(kb, diagram_alts, home_links) for path, text in unit.render(kb).items()
        }


def page_units(
    kb: KB, diagram_alts: dict[str, str] | None = None, home_links: dict[str, str] | None = None, check: bool = False
) -> list[Unit]:
    """The page generators of :func:`generate_pages` as units of :mod:`archkb.site.rerun` (same
    arguments; ``check`` adds "Check yourself" to the architecture pages, for a site with the quiz).

    Each unit is one generator call: what it gets besides the KB is its ``args``, so that
    :func:`archkb.site.rerun.regenerate` can tell whether it has to run again.
    """
    alts = diagram_alts or {}
    links = tuple((home_links or {}).items())
    overview = alts.get(home.OVERVIEW)
    drawn = tuple(a for a in kb.architecture_ids() if a in alts)
    units = [
        Unit("home", (links, overview, drawn), lambda kb: {urls.HOME: home.page(kb, dict(links), overview, drawn)}),
        Unit("restrictions", (), lambda kb: {urls.RESTRICTIONS: restrictions.page(kb)}),
        Unit("glossary", (), lambda kb: {urls.GLOSSARY: glossary.page(kb)}),
        Unit("qa", (), lambda kb: {urls.QA: qa.page(kb)}),
        Unit("changes", (), lambda kb: {urls.CHANGES: changes.page(kb)}),
        Unit("sources", (), sources.pages),
        Unit("reference", (), lambda kb: {urls.REFERENCE: reference.page(kb)}),
        Unit("comparison", (), comparison.pages),
    ]
    for arch_id in kb.architecture_ids():
        alt = alts.get(arch_id)
        units.append(
            Unit(
                f"architecture:{arch_id}",
                (alt, check),
                partial(_architecture_page, arch_id=arch_id, alt=alt, check=check),
            )
        )
    return units


def _architecture_page(kb: KB, arch_id: str, alt: str | None, check: bool = False) -> dict[str, str]:
    return {urls.architecture_page(arch_id): architecture.page(kb, kb.architecture(arch_id), alt, check)}
