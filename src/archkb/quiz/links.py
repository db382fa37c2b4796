"""Where "Read more" points: an address a learner can open, or a page and a command that work offline.

With the site's address known (``site_url`` in ``mkdocs.yml``, or ``--site-url``), "Read more" is
the absolute URL of the teaching page and anchor, as MkDocs builds it. Without one, it is the page
path on the docs site plus ``archkb show FACT``, which prints the same fact in the terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import urls
from .question import Question
from .web import site_url

#: Where a question says to read more: :func:`default_read_more` or :meth:`SiteAddress.read_more`.
ReadMore = Callable[[Question], str]


class BadSiteURL(ValueError):
    """A site address that is not an absolute http(s) URL."""


def checked_site_url(url: str) -> str:
    """``url`` with one trailing slash; :class:`BadSiteURL` unless it is an absolute http(s) address."""
    if not url.lower().startswith(("https://", "http://")) or len(url.split("//", 1)[1].strip("/")) == 0:
        raise BadSiteURL(f"the site address must be absolute http(s), such as https://docs.example.com/, not {url!r}")
    return url.rstrip("/") + "/"


def configured_site(config_file: str | Path = "mkdocs.yml") -> tuple[str | None, bool]:
    """``site_url`` and ``use_directory_urls`` of an MkDocs config (``(None, True)`` when there is no
    file, no ``site_url`` or no usable one). Tags such as ``!ENV`` are read as plain values."""
    path = Path(config_file)
    if not path.is_file():
        return None, True
    import yaml

    class Loader(yaml.SafeLoader):
        """Safe loading that takes any tag (``!ENV [VAR, default]``) for its plain value."""

    def plain(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return loader.construct_scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return loader.construct_sequence(node)
        return loader.construct_mapping(node)  # type: ignore[arg-type]

    Loader.add_multi_constructor("!", plain)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)  # noqa: S506 (a SafeLoader subclass)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None, True
    if not isinstance(data, dict):
        return None, True
    udu = data.get("use_directory_urls", True) is not False
    site = data.get("site_url")
    try:
        return (checked_site_url(site) if isinstance(site, str) and site else None), udu
    except BadSiteURL:
        return None, udu


def read_more(q: Question, site: str | None, use_directory_urls: bool = True) -> str:
    """Where to read more about ``q``: the absolute URL on ``site``, else the page and a command."""
    path, _, anchor = q.teaches.partition("#")
    if site:
        return site + site_url(path, use_directory_urls) + (f"#{anchor}" if anchor else "")
    comparison = path.startswith(urls.COMPARISON.removesuffix(".md"))
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
            site, udu = configured_site(self.config_file)
            self._found = (self.given or site, udu)
        return self._found

    def read_more(self, q: Question) -> str:
        site, udu = self.get()
        return read_more(q, site, udu)
