"""``archkb quiz --due``, the learner's part of ``--stats`` and ``--merge FILE``: views of saved progress.

Each reads the progress file (migrating a format-1 file, setting a damaged one aside, like the
quiz) and prints a table; with ``--json`` the same figures go to stdout as JSON.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import datetime
from typing import Any, TextIO

from ..errors import EXIT_OK, EXIT_PROBLEMS
from . import mastery, progress, schedule
from .cache import load_bank
from .question import Bank


def progress_path(given: str | None) -> str:
    return os.path.expanduser(given) if given else progress.default_path()


def load_state(path: str, bank: Bank, at: datetime) -> progress.Progress:
    """The progress at ``path`` (notices on stderr), records of changed questions started over."""
    state = progress.load(path, at)
    for notice in state.notices:
        print(f"archkb: {notice}", file=sys.stderr)
    state.reset_changed({q.id: q.version for q in bank.questions})
    return state


def percent(value: float | None) -> str:
    return "-" if value is None else f"{round(100 * value)}%"


def due_lines(bank: Bank, state: progress.Progress, at: datetime) -> list[str]:
    """The ``--due`` table: per topic what is due now, never answered, and next."""
    rows, ahead = mastery.due(bank, state, at)
    now_total, new_total = sum(r.due_now for r in rows), sum(r.new for r in rows)
    lines = [
        f"Due now ({at.strftime('%Y-%m-%d %H:%M')} UTC): {now_total} question{'' if now_total == 1 else 's'}; "
        f"{new_total} never answered.",
        "",
    ]
    lines.append(f"{'Topic':<44} {'due now':>7} {'new':>5}  next due")
    for r in rows:
        nxt = f"{r.next_day} ({r.next_count})" if r.next_day else "-"
        lines.append(f"{r.label:<44} {r.due_now:>7} {r.new:>5}  {nxt}")
    if ahead:
        lines += ["", "Falling due next: " + ", ".join(f"{day}: {n}" for day, n in list(ahead.items())[:7])]
    if now_total:
        lines += ["", "Run `archkb quiz --review` to answer the due ones first."]
    return lines


def mastery_lines(bank: Bank, state: progress.Progress, at: datetime, path: str) -> list[str]:
    """The learner's section of ``--stats``: answered, right and recall by topic and architecture."""
    tables = mastery.mastery(bank, state, at)
    lines = [
        f"Your mastery (progress file {path}, on {schedule.day_text(at)})",
        "recall: FSRS's estimate that you would answer right tomorrow, averaged over the questions you answered.",
    ]
    for title, rows in (("By topic", tables["topics"]), ("By architecture", tables["architectures"])):
        lines += ["", f"{title:<44} {'answered':>12} {'right':>12} {'recall':>7}"]
        for r in rows:
            lines.append(
                f"{r.label:<44} {f'{r.answered} of {r.questions}':>12} "
                f"{f'{r.right} of {r.answers}' if r.answers else '-':>12} {percent(r.recall):>7}"
            )
    return lines


def mastery_data(bank: Bank, state: progress.Progress, at: datetime) -> dict[str, Any]:
    rows, ahead = mastery.due(bank, state, at)
    tables = mastery.mastery(bank, state, at)
    return {
        "at": schedule.stamp(at),
        "mastery": {k: [r.as_dict() for r in v] for k, v in tables.items()},
        "due": [r.as_dict() for r in rows],
        "ahead": ahead,
    }


def emit(lines: list[str], out: TextIO) -> None:
    out.write("\n".join(lines) + "\n")
    out.flush()


def run_view(kb_dir: str, view: str, progress_file: str | None, as_json: bool) -> int:
    """Print ``--due`` or the learner's ``--stats``; exit 0."""
    at = schedule.now()  # cli.cmd_quiz has checked $ARCHKB_NOW
    bank = load_bank(kb_dir).bank
    path = progress_path(progress_file)
    state = load_state(path, bank, at)
    lines = due_lines(bank, state, at) if view == "due" else mastery_lines(bank, state, at, path)
    emit(lines, sys.stderr if as_json else sys.stdout)
    if as_json:
        emit(
            [
                json.dumps(
                    {"archkb_progress_view": view, "progress_file": path, **mastery_data(bank, state, at)},
                    indent=2,
                    ensure_ascii=False,
                )
            ],
            sys.stdout,
        )
    return EXIT_OK


def run_merge(other: str, progress_file: str | None) -> int:
    """Merge a progress file (one the quiz page downloaded) into ours: per question the newer review."""
    at = schedule.now()  # cli.cmd_quiz has checked $ARCHKB_NOW
    path = progress_path(progress_file)
    try:
        theirs = progress.read(other, at)
    except OSError as err:
        print(f"archkb: cannot read {other}: {err.strerror or err}", file=sys.stderr)
        return EXIT_PROBLEMS
    except ValueError as err:
        print(f"archkb: {other} is not a progress file archkb can merge: {err}", file=sys.stderr)
        return EXIT_PROBLEMS
    ours = progress.load(path, at)
    for notice in ours.notices:
        print(f"archkb: {notice}", file=sys.stderr)
    if ours.read_only:
        print(f"archkb: {path} was not changed", file=sys.stderr)
        return EXIT_PROBLEMS
    merged, taken = progress.merge(ours, theirs)
    try:
        progress.save(path, merged)
    except OSError as err:
        print(f"archkb: cannot save progress to {path} ({err.strerror or err}); it was not changed", file=sys.stderr)
        return EXIT_PROBLEMS
    print(
        f"Merged {other} into {path}: {taken} of {len(theirs.records)} question(s) taken from it (the newer "
        f"review of each question wins)."
    )
    return EXIT_OK
