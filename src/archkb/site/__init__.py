"""The docs site: the generated file set, the engines that build and serve it, and live reload."""

from __future__ import annotations

from typing import Literal

EngineName = Literal["mkdocs", "properdocs", "zensical"]
#: The engines ``archkb build --engine`` and ``archkb serve --engine`` accept (here, so the CLI names
#: them without importing any engine); :mod:`archkb.site.engines` runs them.
ENGINE_NAMES: tuple[EngineName, ...] = ("mkdocs", "properdocs", "zensical")
#: MkDocs stays the default: see "Engines" in the README for the measurements behind the choice.
DEFAULT_ENGINE: EngineName = "mkdocs"
