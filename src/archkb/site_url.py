"""The docs site's address, for exports that leave the site: ``--site-url``, else ``site_url`` of ``mkdocs.yml``.

A Moodle file, a QTI package or a printed paper is read away from the site, so its links must be
absolute. The address comes from the same config the site is built with, unless given.
:func:`site_url` insists on one; :func:`configured_site` (GIFT, Anki and the terminal quiz's "Read
more", which can do without) reads what there is and never fails.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import KBError, Problem
from .urls import url_problem


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


def configured_site(config_file: str | Path = "mkdocs.yml") -> tuple[str | None, bool]:
    """``site_url`` (ending in ``/``) and ``use_directory_urls`` of an MkDocs config; ``(None, True)``
    for what is missing or unusable: no file, no valid YAML, no ``site_url`` or a bad one."""
    try:
        config = yaml.load(Path(config_file).read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None, True
    if not isinstance(config, dict):
        return None, True
    directory_urls = config.get("use_directory_urls", True) is not False
    site = config.get("site_url")
    if not isinstance(site, str) or not site or url_problem(site):
        return None, directory_urls
    return site.rstrip("/") + "/", directory_urls
