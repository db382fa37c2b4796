"""``archkb export --what exam`` and ``--what handout``: the papers as PDF files, written atomically.

The exam goes to a folder: ``form-a.pdf`` and ``form-a-key.pdf``, ``form-b.pdf`` ... for each form,
swapped in whole (so a failed run leaves the last good folder). A folder that already holds other
files is refused rather than replaced. The handout is one PDF file.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

from ..atomic import staged_dir, write_atomic
from ..errors import EXIT_OK, KBError, Problem
from ..quiz.cache import load_bank
from .blueprint import default_blueprint, read_blueprint
from .exam import draw_forms, key_data, paper_data
from .typeset import typeset

#: PDF creation date when SOURCE_DATE_EPOCH is not set (2024-01-01T00:00:00Z), so papers are reproducible.
DEFAULT_EPOCH = 1704067200
TITLE = "F5 XC and Kubernetes: exam"
_OURS = re.compile(r"form-[a-z]+(-key)?\.pdf\Z")


def epoch() -> int:
    return int(os.environ.get("SOURCE_DATE_EPOCH") or DEFAULT_EPOCH)


def _check_folder(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise KBError([Problem(str(out), 0, 0, "is a file; the exam is written to a folder")])
    if out.is_dir():
        others = sorted(p.name for p in out.iterdir() if not _OURS.match(p.name))
        if others:
            shown = ", ".join(others[:3]) + (", ..." if len(others) > 3 else "")
            raise KBError([Problem(str(out), 0, 0, f"holds other files ({shown}); name a new or an exam folder")])


def export_exam(
    kb_dir: str, out: Path, forms: int, count: int, blueprint_file: Path | None, seed: int, site_url: str
) -> int:
    """Write ``forms`` exam papers and their answer keys into the folder ``out``."""
    _check_folder(out)
    loaded = load_bank(kb_dir)
    for line in loaded.left_out:
        print(f"archkb: left out of the bank: {line}", file=sys.stderr)
    bank = loaded.bank
    blueprint = read_blueprint(blueprint_file, bank) if blueprint_file else default_blueprint(bank, count)
    papers = draw_forms(bank, blueprint, forms, seed)
    with staged_dir(out) as tmp:
        for form in papers:
            name = f"form-{form.letter.lower()}"
            (tmp / f"{name}.pdf").write_bytes(typeset("exam.typ", paper_data(form, TITLE, seed), epoch()))
            (tmp / f"{name}-key.pdf").write_bytes(typeset("key.typ", key_data(form, TITLE, seed, site_url), epoch()))
    print(f"archkb: {forms} form(s) of {blueprint.count} questions, paper seed {seed}", file=sys.stderr)
    return EXIT_OK


def export_handout(kb_dir: str, out: Path, site_url: str) -> int:
    """Write the study handout of ``kb_dir`` to the PDF file ``out`` (diagrams rendered with graphviz, cached)."""
    from ..diagrams.render import render_all
    from ..kb import load_kb
    from .handout import handout_pdf

    kb = load_kb(Path(kb_dir))
    with tempfile.TemporaryDirectory(prefix="archkb-handout-") as tmp:
        render_all(kb, Path(tmp), formats=("svg",))
        svgs = {a.id: (Path(tmp) / f"{a.id}.svg").read_text(encoding="utf-8") for a in kb.architectures}
    write_atomic(out, handout_pdf(kb, svgs, site_url, epoch()))
    return EXIT_OK
