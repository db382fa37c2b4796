"""``archkb export --what quiz``: the bank as JSON, GIFT, Moodle XML, QTI or an Anki deck, written atomically."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Literal

from ..atomic import write_atomic
from ..errors import EXIT_OK
from .cache import load_bank
from .moodle import MultipleGrading
from .question import Bank, bank_to_dict

Format = Literal["json", "gift", "anki", "moodle", "qti"]

#: Anki modification time when SOURCE_DATE_EPOCH is not set (2024-01-01T00:00:00Z), so exports are reproducible.
DEFAULT_EPOCH = 1704067200


def bank_json(bank: Bank) -> str:
    """The bank as stable UTF-8 JSON (validates against ``quiz-bank.schema.json``)."""
    return json.dumps(bank_to_dict(bank), indent=2, ensure_ascii=False) + "\n"


def export_quiz(
    kb_dir: str, fmt: Format, out: Path, site_url: str = "", multiple: MultipleGrading = "all-or-nothing"
) -> int:
    """Write the bank of ``kb_dir`` to ``out`` in ``fmt``; say on stderr what a format left out.

    ``site_url`` is the docs site's address, for the absolute links of the Moodle and QTI files and
    for "Read more" in GIFT and Anki (which say the page and an ``archkb show`` command without one).
    """
    from .links import SiteAddress

    more = SiteAddress(site_url or None).read_more
    loaded = load_bank(kb_dir)
    bank = loaded.bank
    for line in loaded.left_out:
        print(f"archkb: left out of the bank: {line}", file=sys.stderr)
    if fmt == "json":
        write_atomic(out, bank_json(bank))
    elif fmt == "gift":
        from .gift import bank_gift

        text, left_out = bank_gift(bank, more)
        write_atomic(out, text)
        if left_out:
            print(
                f"archkb: GIFT cannot hold {len(left_out)} question(s); left out (also listed at the top of {out}):",
                file=sys.stderr,
            )
            for line in left_out:
                print(f"  {line}", file=sys.stderr)
    elif fmt == "moodle":
        from .moodle import GRADING_NOTE, bank_moodle_xml

        write_atomic(out, bank_moodle_xml(bank, site_url, multiple))
        print(f"archkb: {GRADING_NOTE[multiple]}", file=sys.stderr)
    elif fmt == "qti":
        from .qti import bank_qti_package

        write_atomic(out, bank_qti_package(bank, site_url))
    else:
        from .anki import bank_apkg

        write_atomic(out, bank_apkg(bank, int(os.environ.get("SOURCE_DATE_EPOCH") or DEFAULT_EPOCH), more))
    return EXIT_OK
