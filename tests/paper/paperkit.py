"""Reading PDFs back for the paper tests: their text with pdftotext, their page count with pdfinfo (poppler-utils)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path


def pdf_text(pdf: Path, first: int | None = None, last: int | None = None, layout: bool = False) -> str:
    """The text of a PDF (or of pages first..last), in reading order, or with ``layout`` as laid out on the page
    (a question's number then stays on the line of its text, where reading order may take it into a neighbour grid)."""
    pages = [
        *(["-f", str(first)] if first else []),
        *(["-l", str(last)] if last else []),
        *(["-layout"] if layout else []),
    ]
    done = subprocess.run(["pdftotext", *pages, str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60)
    return done.stdout


def squeezed(text: str) -> str:
    """Text without whitespace and hyphens, so a line break the typesetter put in does not hide a phrase.

    (Typst breaks a long address after a hyphen, and pdftotext joins such a line end without it.)
    """
    return re.sub(r"[\s\-\u00ad]+", "", text)


def page_count(pdf: Path) -> int:
    done = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True, timeout=60)
    return int(re.search(r"^Pages:\s+(\d+)$", done.stdout, re.M).group(1))  # type: ignore[union-attr]
