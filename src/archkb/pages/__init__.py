"""Page generators: pure functions from the model (:class:`archkb.kb.model.KB`) to Markdown.

One module per page family; :func:`generate_pages` runs them all. Every KB string is escaped
(:mod:`archkb.pages.escape`), every link is Markdown relative to the page (so MkDocs validates it),
and every fact carries an anchor from its id and links to the source section it cites.
"""

from __future__ import annotations

from .. import urls
from ..gcpause import no_cycle_collection
from ..kb.model import KB
from . import architecture, changes, comparison, glossary, home, qa, reference, restrictions, sources


def generate_pages(
    kb: KB,
    diagram_alts: dict[str, str] | None = None,
    home_links: dict[str, str] | None = None,
    check: bool = False,
) -> dict[str, str]:
    """Docs-relative path -> Markdown for every generated page.

    Args:
        kb: the knowledge base.
        diagram_alts: diagram name (architecture id, or ``overview``) -> alt text, for the diagrams
            rendered to :func:`archkb.urls.diagram_file`; the other architectures get a note instead.
        home_links: extra "where to go next" links for the home page (label -> docs-relative path).
        check: add "Check yourself" to the architecture pages (for a site with the quiz).
    """
    alts = diagram_alts or {}
    overview = alts.get(home.OVERVIEW)
    drawn = tuple(a for a in kb.architecture_ids() if a in alts)
    with no_cycle_collection():  # see archkb.gcpause
        pages = {
            urls.HOME: home.page(kb, dict(home_links or {}), overview, drawn),
            urls.RESTRICTIONS: restrictions.page(kb),
            urls.GLOSSARY: glossary.page(kb),
            urls.QA: qa.page(kb),
            urls.CHANGES: changes.page(kb),
            **sources.pages(kb),
            urls.REFERENCE: reference.page(kb),
            **comparison.pages(kb),
        }
        for arch in kb.architectures:
            pages[urls.architecture_page(arch.id)] = architecture.page(kb, arch, alts.get(arch.id), check)
    return pages
