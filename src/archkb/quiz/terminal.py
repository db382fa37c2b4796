"""``archkb quiz``: the quiz in a terminal, or scripted with one answer per line on stdin.

Practice mode gives feedback after each answer; ``--exam`` collects every answer first and shows
one answer sheet. Progress is saved after every graded answer, so Ctrl-C (exit 130) and the end of
input keep what was done and show the partial score. Invalid input asks again. With ``--json``
everything meant for people goes to stderr and stdout gets the results as one JSON document.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sys
import textwrap
import time
from collections.abc import Callable
from typing import Any, TextIO

from ..errors import EXIT_INTERRUPTED, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from . import answers, links, progress, schedule
from .cache import load_bank
from .question import Bank, Question
from .session import Outcome, Pick, Round, missed, passed_exam, result_data, score, select

#: How the level of a question reads after it is answered.
LEVEL_NAMES = {
    "recall": "recall",
    "application": "applying the facts",
    "analysis": "analysis",
    "misconception": "a common misconception",
}

PROMPTS = {
    "single": "Your answer (one letter)",
    "multiple": "Your answer (every right letter, e.g. a,c)",
    "truefalse": "Your answer (t or f)",
    "ordering": "Your order (every letter, first to last, e.g. c,a,b,d)",
    "matching": "Your matches (e.g. 1b 2a 3c)",
}


class EndOfInput(Exception):
    """stdin ended (Ctrl-D, or the last piped line was read)."""


class Quit(Exception):
    """The learner typed ``quit``."""


class Console:
    """Where the quiz talks to the learner: text out, one line in; echoes answers read from a pipe."""

    __slots__ = ("out", "inp", "interactive", "width", "site")

    def __init__(
        self, out: TextIO, inp: TextIO, interactive: bool, width: int = 80, site: links.SiteAddress | None = None
    ) -> None:
        self.out = out
        self.inp = inp
        self.interactive = interactive
        self.width = width
        self.site = site or links.SiteAddress()  # the docs site's address, for absolute "Read more" links

    def say(self, text: str = "", indent: str = "", hang: int = 0) -> None:
        """Write ``text`` wrapped to the width, indented; continuation lines indented ``hang`` more."""
        for para in text.split("\n"):
            lines = (
                textwrap.wrap(
                    para,
                    self.width,
                    initial_indent=indent,
                    subsequent_indent=indent + " " * hang,
                    break_on_hyphens=False,
                    break_long_words=False,
                )
                if para
                else [""]
            )
            self.out.write("\n".join(lines) + "\n")
        self.out.flush()

    def ask(self, prompt: str) -> str:
        self.out.write(f"{prompt}: ")
        self.out.flush()
        line = self.inp.readline()
        if not line:
            self.out.write("\n")
            raise EndOfInput
        if not self.interactive:
            self.out.write(line if line.endswith("\n") else line + "\n")
        return line.strip()


def open_console(to_stderr: bool, site: links.SiteAddress) -> Console:
    """A console on stdin and stdout (stderr with ``--json``), interactive when stdin is a terminal."""
    out = sys.stderr if to_stderr else sys.stdout
    width = max(40, min(terminal_columns(), 100) - 1)
    return Console(out, sys.stdin, interactive=sys.stdin.isatty(), width=width, site=site)


def terminal_columns() -> int:
    """The terminal's width ($COLUMNS, then the terminal, else 80)."""
    return shutil.get_terminal_size((80, 24)).columns


def show_question(con: Console, bank: Bank, pick: Pick, k: int, n: int) -> None:
    q = pick.question
    con.say()
    con.say(f"Question {k} of {n} · {q.difficulty}")
    if pick.reason:
        con.say(f"(back for review: {pick.reason})")
    con.say(q.text)
    if q.kind == "matching":
        con.say("Items:")
        for i, prompt in enumerate(q.prompts, 1):
            con.say(f"{i}. {prompt}", indent="  ", hang=len(str(i)) + 2)
        con.say("Choices:")
    elif q.kind == "ordering":
        con.say("Put these in order, first to last:")
    for i, choice in enumerate(q.choices):
        con.say(f"{answers.letter(i)}) {choice}", indent="  ", hang=3)


def read_answer(con: Console, q: Question) -> tuple[int, ...]:
    """Ask until the learner types a well-formed answer; ``?`` shows the format, ``quit`` stops."""
    while True:
        text = con.ask(PROMPTS[q.kind])
        if text.lower() in ("quit", "exit", ":q"):
            raise Quit
        if text in ("?", "help"):
            con.say(f"{answers.HELP[q.kind].capitalize()}; type quit to stop (your progress is kept).", indent="  ")
            continue
        try:
            return answers.parse(q, text)
        except answers.Invalid as err:
            con.say(f"Not an answer: {err}. Please {answers.HELP[q.kind]}.", indent="  ")


def tags(bank: Bank, q: Question) -> str:
    """What a question is about, shown only once it is answered (before, a tag can give the key away)."""
    archs = [bank.architectures.get(a, a) for a in q.architectures] if len(q.architectures) <= 2 else []
    return " · ".join([bank.topics.get(q.topic, q.topic), *archs, LEVEL_NAMES.get(q.level, q.level)])


def why_wrong(con: Console, q: Question, given: tuple[int, ...] | None) -> None:
    """The feedback on each wrong choice the learner picked: why it is wrong, where it would be right."""
    for i in sorted(set(given or ())):
        if q.choice_feedback(i) and q.choice_feedback(i) != q.explanation:  # "Why:" follows and says it
            con.say(f"{answers.letter(i)}) {q.choice_feedback(i)}", indent="  ", hang=3)


def show_feedback(con: Console, bank: Bank, outcome: Outcome) -> None:
    q = outcome.pick.question
    if outcome.correct:
        con.say("Correct.")
    else:
        con.say(f"Not quite. The answer is: {answers.spelled(q, q.answer)}")
        why_wrong(con, q, outcome.given)
    con.say(f"Why: {q.explanation}", indent="  ")
    con.say(f"About: {tags(bank, q)}", indent="  ")
    read_more(con, q)


def read_more(con: Console, q: Question) -> None:
    con.say(f"Read more: {con.site.read_more(q)}", indent="  ")
    if q.sources:
        con.say(
            "Source: "
            + "; ".join(s.title for s in q.sources[:3])
            + (f" (+{len(q.sources) - 3} more)" if len(q.sources) > 3 else ""),
            indent="  ",
        )


def show_score(con: Console, rnd: Round, bank: Bank, title: str = "Score") -> None:
    summary = score(rnd.outcomes, bank.topics)
    answered, right = summary["answered"], summary["correct"]
    con.say()
    ending = {"eof": "Input ended. ", "interrupted": "Interrupted. ", "quit": "Stopped. ", "time": "Time is up. "}.get(
        rnd.ended, ""
    )
    partial = f" (answered {answered} of {len(rnd.picks)})" if answered < len(rnd.picks) else ""
    percent = f" ({round(100 * right / answered)}%)" if answered else ""
    con.say(f"{ending}{title}: {right} of {answered}{percent}{partial}")
    if rnd.pass_mark is not None:
        passed = passed_exam(rnd)
        con.say(f"Pass mark {rnd.pass_mark}% of {len(rnd.picks)} questions: {'passed' if passed else 'not passed'}.")
    if summary["by_topic"]:
        con.say("By topic:")
        for row in summary["by_topic"].values():
            con.say(f"  {row['label']:<44} {row['correct']} of {row['answered']}")


def answer_sheet(con: Console, rnd: Round) -> None:
    con.say()
    con.say("Answer sheet")
    for k, outcome in enumerate(rnd.outcomes, 1):
        q = outcome.pick.question
        mark = "right" if outcome.correct else "wrong" if outcome.given is not None else "not answered"
        con.say()
        con.say(f"{k}. [{mark}] {q.text}")
        con.say(
            f"Your answer: {answers.show(q, outcome.given)}"
            + (f" = {answers.spelled(q, outcome.given)}" if outcome.given is not None else ""),
            indent="  ",
        )
        if not outcome.correct:
            con.say(f"Right answer: {answers.show(q, q.answer)} = {answers.spelled(q, q.answer)}", indent="  ")
            why_wrong(con, q, outcome.given)
        con.say(f"Why: {q.explanation}", indent="  ")
        read_more(con, q)


class Saver:
    """Records graded answers in the progress file as they happen."""

    __slots__ = ("path", "state", "problem")

    def __init__(self, path: str | None, state: progress.Progress) -> None:
        self.path = path
        self.state = state
        self.problem: str | None = None  # why the progress file could not be written (then it is not tried again)

    def grade(self, outcome: Outcome) -> None:
        q = outcome.pick.question
        self.state.record(q.id, q.version).answered(outcome.correct, schedule.now())
        if self.path is None or self.problem is not None:
            return
        try:
            progress.save(self.path, self.state)
        except OSError as err:  # a full disk, a read-only folder: the old file stays as it was
            self.problem = err.strerror or str(err)
            print(
                f"archkb: cannot save progress to {self.path} ({self.problem}); the quiz goes on, but this round "
                f"is not saved",
                file=sys.stderr,
            )


def play(con: Console, bank: Bank, rnd: Round, saver: Saver, clock: Callable[[], float] = time.monotonic) -> None:
    """Ask every question of the round (exam: grade at the end); sets ``rnd.ended`` when it stops early.

    With a time limit, an answer given after it is not counted and the round ends there.
    """
    deadline = clock() + 60 * rnd.time_limit if rnd.time_limit else None
    try:
        for k, pick in enumerate(rnd.picks, 1):
            show_question(con, bank, pick, k, len(rnd.picks))
            if deadline is not None:
                con.say(f"(time left: {max(0, round((deadline - clock()) / 60, 1))} min)")
            given = read_answer(con, pick.question)
            if deadline is not None and clock() > deadline:
                rnd.ended = "time"
                con.say("Time is up: that answer came after the time limit and is not counted.")
                break
            outcome = Outcome(pick, given)
            rnd.outcomes.append(outcome)
            if rnd.mode == "practice":
                saver.grade(outcome)
                show_feedback(con, bank, outcome)
    except EndOfInput:
        rnd.ended = "eof"
    except Quit:
        rnd.ended = "quit"
    except KeyboardInterrupt:
        con.out.write("\n")
        rnd.ended = "interrupted"
    if rnd.mode == "exam":
        for outcome in rnd.outcomes:
            saver.grade(outcome)
        answered = {id(o.pick) for o in rnd.outcomes}
        rnd.outcomes += [Outcome(p) for p in rnd.picks if id(p) not in answered]


def offer_retry(con: Console, bank: Bank, rnd: Round, saver: Saver) -> Round | None:
    """At the end of a finished practice round: "retry the N you missed", played like a round."""
    again = missed(rnd)
    if rnd.mode != "practice" or rnd.ended != "finished" or not again:
        return None
    con.say()
    try:
        reply = con.ask(f"Retry the {len(again)} you missed? (y/n)")
    except (EndOfInput, KeyboardInterrupt):
        return None
    if reply.lower() not in ("y", "yes"):
        return None
    retry = Round(again, "practice", rnd.seed, rnd.review)
    con.say(f"Retrying the {len(again)} you missed.")
    play(con, bank, retry, saver)
    show_score(con, retry, bank, "Retry score")
    return retry


def run(
    kb_dir: str,
    count: int,
    seed: int | None,
    topic: str | None,
    review: bool,
    exam: bool,
    as_json: bool,
    progress_path: str | None,
    time_limit: float | None = None,
    pass_mark: int | None = None,
    results: str | None = None,
    site_url: str | None = None,
) -> int:
    """Play one round of the quiz; the exit code (0, 2 for bad arguments, 1 when the results cannot be
    written, 130 on Ctrl-C)."""
    started = schedule.now()  # cli.cmd_quiz has checked $ARCHKB_NOW
    try:
        site = links.SiteAddress(site_url)
    except links.BadSiteURL as err:
        print(f"archkb: {err}", file=sys.stderr)
        return EXIT_USAGE
    loaded = load_bank(kb_dir)
    bank = loaded.bank
    if loaded.left_out and not loaded.warm:
        print(
            f"archkb: {len(loaded.left_out)} generated question(s) were left out of the bank; `archkb export "
            f"--what quiz` lists them",
            file=sys.stderr,
        )
    tags = bank.tags()
    if topic is not None and topic not in tags:
        print(f"archkb: no questions are tagged {topic!r}; tags: {', '.join(sorted(tags))}", file=sys.stderr)
        return EXIT_USAGE
    path = os.path.expanduser(progress_path) if progress_path else progress.default_path()
    state = progress.load(path, started)
    for notice in state.notices:
        print(f"archkb: {notice}", file=sys.stderr)
    changed = state.reset_changed({q.id: q.version for q in bank.questions})
    seed = seed if seed is not None else random.SystemRandom().randrange(1, 1_000_000)
    rnd = Round(
        select(bank, count, seed, topic, review, state, started),
        "exam" if exam else "practice",
        seed,
        review,
        time_limit,
        pass_mark,
    )
    rnd.started = schedule.stamp(started)
    con = open_console(as_json, site)
    intro(con, bank, rnd, path, len(changed))
    saver = Saver(path if not state.read_only else None, state)
    play(con, bank, rnd, saver)
    rnd.finished = schedule.stamp(schedule.now())
    if rnd.mode == "exam":
        answer_sheet(con, rnd)
    show_score(con, rnd, bank)
    retry = offer_retry(con, bank, rnd, saver)
    answered = any(o.given is not None for o in rnd.outcomes + (retry.outcomes if retry else []))
    saved = answered and not state.read_only and saver.problem is None
    con.say(
        f"Progress saved to {path}."
        if saved
        else f"Progress not saved: {saver.problem}."
        if saver.problem
        else "No progress saved."
    )
    data = result_data(rnd, bank, str(path) if saved else None, retry)
    code = EXIT_INTERRUPTED if rnd.ended == "interrupted" else EXIT_OK
    if results:
        code = write_results(results, data) or code
    if as_json:
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    return code


def write_results(path: str, data: dict[str, Any]) -> int:
    """Write the round's results for a trainer to collect (atomically); 0, or 1 when it cannot."""
    from ..atomic import write_atomic

    try:
        write_atomic(os.path.expanduser(path), json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    except OSError as err:
        print(f"archkb: cannot write the results to {path} ({err.strerror or err})", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"archkb: results written to {path}", file=sys.stderr)
    return EXIT_OK


def intro(con: Console, bank: Bank, rnd: Round, path: str, changed: int) -> None:
    what = f"{len(rnd.picks)} question{'s' if len(rnd.picks) != 1 else ''}"
    mode = "exam: answers are graded at the end" if rnd.mode == "exam" else "practice: feedback after each answer"
    con.say(f"archkb quiz: {what} of {len(bank.questions)}, {mode}{', review' if rnd.review else ''}.")
    con.say(f"Seed {rnd.seed}: run again with --seed {rnd.seed} for the same questions. Progress file: {path}")
    if rnd.time_limit or rnd.pass_mark is not None:
        limits = [
            f"time limit {rnd.time_limit:g} min" if rnd.time_limit else "",
            f"pass mark {rnd.pass_mark}%" if rnd.pass_mark is not None else "",
        ]
        con.say("Exam rules: " + ", ".join(x for x in limits if x) + ".")
    if changed:
        many = changed != 1
        con.say(
            f"{changed} question{'s' if many else ''} changed since you last saw {'them' if many else 'it'}; "
            f"{'their' if many else 'its'} progress starts over."
        )
    con.say("Answer with letters; type ? for the format of a question, quit to stop.")
