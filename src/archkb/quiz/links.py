"""Where "Read more" points: an address a learner can open, or a page and a command that work offline.

With the site's address known (``site_url`` in ``mkdocs.yml``, or ``--site-url``), "Read more" is
the absolute URL of the teaching page and anchor, as MkDocs builds it. Without one, it is the page
path on the docs site plus ``archkb show FACT``, which prints the same fact in the terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .. import urls
from .question import Question

#: Where a question says to read more: :func:`default_read_more` or :meth:`SiteAddress.read_more`.
ReadMore = Callable[[Question], str]


class BadSiteURL(ValueError):
    """A site address that is not an absolute http(s) URL."""


def checked_site_url(url: str) -> str:
    """``url`` with one trailing slash; :class:`BadSiteURL` unless it is an absolute http(s) address."""
    problem = urls.url_problem(url)
    if problem:
        raise BadSiteURL(problem)
    return url.rstrip("/") + "/"


def read_more(q: Question, site: str | None, use_directory_urls: bool = True) -> str:
    """Where to read more about ``q``: the absolute URL on ``site``, else the page and a command."""
    if site:
        return urls.absolute(site, q.teaches, use_directory_urls)
    comparison = q.teaches.startswith(urls.COMPARISON.removesuffix(".md"))  # comparison-2.md too
    show = "" if comparison or not q.facts else f" (or run: archkb show {q.facts[0]})"
    return f"{q.teaches} on the docs site{show}"


def default_read_more(q: Question) -> str:
    """ "Read more" without a site address: the page and an ``archkb show`` command."""
    return read_more(q, None)


class SiteAddress:
    """The site's address for "Read more", worked out when first needed (reading ``mkdocs.yml``
    costs a YAML parse the quiz should not pay before its first question)."""

    __slots__ = ("given", "config_file", "_found")

    def __init__(self, given: str | None = None, config_file: str | Path = "mkdocs.yml") -> None:
        self.given = checked_site_url(given) if given else None
        self.config_file = config_file
        self._found: tuple[str | None, bool] | None = None

    def get(self) -> tuple[str | None, bool]:
        """(site URL or None, use_directory_urls): ``--site-url`` first, else the MkDocs config's."""
        if self._found is None:
            from ..site_url import configured_site  # reads YAML: only once "Read more" is first shown

            site, udu = configured_site(self.config_file)
            self._found = (self.given or site, udu)
        return self._found

    def read_more(self, q: Question) -> str:
        site, udu = self.get()
        return read_more(q, site, udu)
