"""Typeset a paper: one of our typst templates plus its data as JSON, compiled to PDF by the ``typst`` package.

The templates (``paper/templates/*.typ``, package data) read the data from ``sys.inputs.data`` and
show every string from it as plain text, so no KB text is ever read as typst markup. Fonts are
DejaVu (Debian's ``fonts-dejavu-core``) and typst's own, never other system fonts, and the PDF's
creation date is fixed, so the same data gives the same bytes on any machine that has them.
"""

from __future__ import annotations

import datetime
import json
from importlib import resources
from pathlib import Path
from typing import Any

import typst

from ..errors import EnvironmentProblem

#: Where Debian's fonts-dejavu-core puts DejaVu Sans (scripts/setup.sh installs it).
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"),)


def font_dirs() -> list[str]:
    """The DejaVu font folders; :class:`EnvironmentProblem` when there is none."""
    found = [str(d) for d in FONT_DIRS if (d / "DejaVuSans.ttf").is_file()]
    if not found:
        raise EnvironmentProblem("DejaVu Sans is not installed (sudo apt-get install fonts-dejavu-core)")
    return found


def typeset(template: str, data: dict[str, Any], timestamp: int) -> bytes:
    """The PDF of ``templates/<template>`` with ``data``, dated ``timestamp`` (seconds since 1970, UTC)."""
    when = datetime.datetime.fromtimestamp(timestamp, datetime.UTC)
    folder = resources.files("archkb.paper").joinpath("templates")
    with resources.as_file(folder) as root:
        pdf = typst.compile(
            str(root / template),
            root=str(root),
            font_paths=font_dirs(),
            ignore_system_fonts=True,
            sys_inputs={"data": json.dumps(data, ensure_ascii=False, sort_keys=True)},
            timestamp=when,
            format="pdf",
        )
    assert isinstance(pdf, bytes)
    return pdf
