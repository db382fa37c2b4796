"""The docs site's address, for exports that leave the site: ``--site-url``, else ``site_url`` of ``mkdocs.yml``.

A Moodle file, a QTI package or a printed paper is read away from the site, so its links must be
absolute. The address comes from the same config the site is built with, unless given.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from .errors import KBError, Problem


class _ConfigLoader(yaml.SafeLoader):
    """A safe loader that reads MkDocs' tags (``!ENV``, ``!!python/name:``) as plain values."""


def _untagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_ConfigLoader.add_multi_constructor("!", _untagged)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _untagged)


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot be the site's address, or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"site URL {url!r} is not an absolute http(s) address"
    if parts.query or parts.fragment:
        return f"site URL {url!r} has a query or fragment"
    return None


def site_url(given: str | None, config_file: str | Path) -> str:
    """The site's address ending in ``/``; raises :class:`KBError` when there is none to be had."""
    if given is None:
        path = Path(config_file)
        try:
            config = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 (safe subclass)
        except OSError as err:
            why = err.strerror or type(err).__name__
            raise KBError(
                [Problem(str(path), 0, 0, f"cannot read the site's address ({why}); pass --site-url")]
            ) from None
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
            raise KBError(
                [Problem(str(path), line, col, "is not valid YAML, so it gives no site_url; pass --site-url")]
            ) from None
        given = config.get("site_url") if isinstance(config, dict) else None
        if not isinstance(given, str) or not given:
            raise KBError(
                [Problem(str(path), 0, 0, "no site_url, which exports need for absolute links; pass --site-url")]
            )
    problem = url_problem(given)
    if problem:
        raise KBError([Problem("--site-url", 0, 0, problem)])
    return given if given.endswith("/") else given + "/"
