"""``archkb``'s command line: the argument parser of every subcommand, its option tables and the
converters that check values (a bad one is a usage error, exit 2, said by argparse).

:mod:`archkb.cli` runs what this parses; the reference page of the commands
(:mod:`archkb.reference_docs`) is written from the same parser.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from . import __version__

#: ``--engine``'s choices and default: the names :mod:`archkb.site` gives its engines, spelled out here so
#: that a quiz start imports no site code (a test keeps the two equal).
ENGINE_NAMES = ("mkdocs", "properdocs", "zensical")
DEFAULT_ENGINE = "mkdocs"

#: The formats each ``--what`` of ``archkb export`` writes; the first is its default.
EXPORT_FORMATS = {
    "kb": ("json",),
    "quiz": ("json", "gift", "anki", "moodle", "qti"),
    "exam": ("pdf",),
    "handout": ("pdf",),
}


def minutes(text: str) -> float:
    """``text`` as a number of minutes above 0 (``90``, ``7.5``); ValueError saying what was expected."""
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not (0 < value < 100_000):
        raise ValueError(f"expected a number of minutes above 0, not {text!r}")
    return value


def percent(text: str) -> int:
    """``text`` as a whole percentage 0..100; ValueError saying what was expected."""
    if not text.isdigit() or int(text) > 100:
        raise ValueError(f"expected a whole percentage from 0 to 100, not {text!r}")
    return int(text)


def positive_int(text: str) -> int:
    """``text`` as a whole number of at least 1; ValueError saying what was expected."""
    if not text.isdigit() or int(text) < 1:
        raise ValueError(f"expected a whole number of at least 1, not {text!r}")
    return int(text)


#: ``archkb quiz``'s options: (type or ``bool`` for a flag, default, metavar, help); the quiz parser
#: is built from this table.
SITE_URL_HELP = (
    'the docs site\'s address, for absolute "Read more" links (default: site_url of ./mkdocs.yml; '
    "without one, the page path and an `archkb show` command)"
)

QUIZ_OPTIONS: dict[str, tuple[Callable[[str], object], object, str | None, str]] = {
    "--count": (positive_int, 10, "N", "number of questions (default: 10)"),
    "--seed": (int, None, "S", "random seed: the same seed gives the same quiz (default: a new one, shown)"),
    "--topic": (
        str,
        None,
        "TAG",
        "only questions with this topic or architecture tag (e.g. restrictions, glossary, vk8s)",
    ),
    "--review": (
        bool,
        False,
        None,
        "questions due now first (FSRS by dates), then new ones, then the rest by due date, saying why each is back",
    ),
    "--exam": (bool, False, None, "answer everything first, then get one answer sheet and the score"),
    "--time-limit": (
        minutes,
        None,
        "MIN",
        "exam time limit in minutes: an answer after it is not counted and the round ends",
    ),
    "--pass-mark": (
        percent,
        None,
        "PCT",
        "percentage of the questions asked that must be right to pass (shown with the score and in the results)",
    ),
    "--results": (str, None, "FILE", "also write the results as JSON to FILE, for a trainer to collect"),
    "--json": (bool, False, None, "write the results as JSON to stdout (questions and feedback go to stderr)"),
    "--progress": (
        str,
        None,
        "PATH",
        "progress file (default: $XDG_DATA_HOME/archkb/progress.json); the quiz page's download works as one",
    ),
    "--due": (bool, False, None, "show what is due now and next, by topic, and stop"),
    "--stats": (
        bool,
        False,
        None,
        "show your mastery by topic and architecture (answered, right, FSRS recall), and stop",
    ),
    "--bank-stats": (
        bool,
        False,
        None,
        "show the question bank's mix (level, kind, topic, architecture, true/false balance, scenario keys, "
        "questions per fact), and stop",
    ),
    "--site-url": (str, None, "URL", SITE_URL_HELP),
    "--merge": (
        str,
        None,
        "FILE",
        "merge a progress file (e.g. downloaded from the quiz page) into yours, the newer review of each question "
        "winning, and stop",
    ),
}

KB_OPTION = ("--kb", "kb", "DIR", "knowledge base folder (default: kb)")


QUIZ_HELP = """answers: single choice: one letter (b); multiple response: every right letter (a,c or ac);
true/false: t or f; ordering: every letter once, first to last (c,a,b,d); matching: a letter per
numbered item (1b 2a 3c, or bac in item order). Type ? for help on a question, quit to stop.
Invalid input asks again; Ctrl-C or end of input stops, showing and saving the partial score.
When stdin is not a terminal, one answer is read per line.

progress: saved after each answer to $XDG_DATA_HOME/archkb/progress.json (default
~/.local/share/archkb/progress.json) unless --progress is given; a damaged file is moved aside to
progress.json.corrupt-N, a format-1 file (Leitner boxes) is migrated and kept as progress.json.format-1.
Questions come back by FSRS (right = Good, wrong = Again), by UTC dates; $ARCHKB_NOW (ISO 8601,
e.g. 2026-01-05T09:00:00Z) sets the clock for scripted sessions. A question's progress starts over
when the facts it tests change.
The built bank is cached in $ARCHKB_CACHE_DIR (default $XDG_CACHE_HOME/archkb or ~/.cache/archkb)."""


def _formats(value: str) -> list[str]:
    formats = [f.strip() for f in value.split(",") if f.strip()]
    bad = [f for f in formats if f not in ("svg", "png")]
    if bad or not formats:
        raise argparse.ArgumentTypeError(f"choose svg, png or svg,png (not {value!r})")
    return formats


def _argparse_type(convert: Callable[[str], object]) -> Callable[[str], object]:
    """``convert`` with its ValueError message shown by argparse."""

    if convert in (int, str):
        return convert

    def checked(text: str) -> object:
        try:
            return convert(text)
        except ValueError as err:
            raise argparse.ArgumentTypeError(str(err)) from None

    return checked


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``archkb`` and its subcommands."""

    common = argparse.ArgumentParser(add_help=False)
    flag, default, metavar, help_text = KB_OPTION
    common.add_argument(flag, default=default, metavar=metavar, help=help_text)
    parser = argparse.ArgumentParser(
        prog="archkb", description="Knowledge base, site, diagrams and quiz on F5 XC and Kubernetes architectures."
    )
    parser.add_argument("--version", action="version", version=f"archkb {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser(
        "validate", parents=[common], help="check the KB and print every problem as path:line:col: message"
    )
    p.add_argument("--format", choices=["text", "json"], default="text", help="output format (default: text)")

    p = sub.add_parser("show", parents=[common], help="print one fact, concept or restriction with its citation")
    p.add_argument("id", help="a fact, concept, restriction, architecture or source id")

    p = sub.add_parser("export", parents=[common], help="write the resolved KB or the quiz bank to a file")
    p.add_argument("--what", choices=list(EXPORT_FORMATS), default="kb", help="what to export (default: kb)")
    p.add_argument(
        "--format",
        choices=sorted({f for formats in EXPORT_FORMATS.values() for f in formats}),
        help=(
            "file format: kb json; quiz json, gift, anki, moodle (Moodle XML) or qti (a QTI 1.2 package, .zip); "
            "exam and handout pdf (default: the first)"
        ),
    )
    p.add_argument(
        "--out", required=True, metavar="FILE", help="file to write, or for exam a folder (written atomically)"
    )
    p.add_argument(
        "--site-url",
        metavar="URL",
        help=(
            "the site's address, for absolute links in moodle, qti, papers and the Read more of gift and anki "
            "(default: site_url of --config-file; gift and anki without one name the page and an archkb show command)"
        ),
    )
    p.add_argument(
        "--config-file",
        default="mkdocs.yml",
        metavar="FILE",
        help="MkDocs config to read site_url from (default: mkdocs.yml)",
    )
    p.add_argument(
        "--moodle-multiple",
        choices=["all-or-nothing", "core"],
        default="all-or-nothing",
        help=(
            "moodle: grade multiple response all or nothing, as archkb does (qtype_multichoiceset), "
            "or with core multichoice (partial credit) (default: all-or-nothing)"
        ),
    )
    p.add_argument(
        "--forms", type=_argparse_type(positive_int), default=1, metavar="N", help="exam: how many forms (default: 1)"
    )
    p.add_argument(
        "--count",
        type=_argparse_type(positive_int),
        metavar="N",
        help="exam: questions per form, spread over topic x level x difficulty as in the bank (default: 20)",
    )
    p.add_argument(
        "--blueprint", metavar="FILE", help="exam: a YAML blueprint of questions per topic, level and difficulty"
    )
    p.add_argument(
        "--seed",
        type=_argparse_type(int),
        default=1,
        metavar="S",
        help="exam: the paper seed; the same seed gives the same forms (default: 1)",
    )

    p = sub.add_parser(
        "quiz",
        parents=[common],
        help="take the training quiz in the terminal",
        epilog=QUIZ_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    for name, (convert, value, shown_as, explained) in QUIZ_OPTIONS.items():
        if convert is bool:
            p.add_argument(name, action="store_true", help=explained)
        else:
            p.add_argument(name, type=_argparse_type(convert), default=value, metavar=shown_as, help=explained)

    site = argparse.ArgumentParser(add_help=False)
    site.add_argument("--config-file", default="mkdocs.yml", metavar="FILE", help="MkDocs config (default: mkdocs.yml)")
    engines = argparse.ArgumentParser(add_help=False)
    engines.add_argument(
        "--engine",
        choices=ENGINE_NAMES,
        default=DEFAULT_ENGINE,
        help=(
            "site engine: mkdocs and properdocs run the archkb plugin, zensical builds the generated pages "
            f"(default: {DEFAULT_ENGINE})"
        ),
    )

    p = sub.add_parser(
        "build",
        parents=[common, site, engines],
        help="build the docs site strictly (mkdocs, properdocs or zensical), replacing the old site only on success",
    )
    p.add_argument("--site-dir", metavar="DIR", help="output folder (default: site_dir of the config, site/)")

    p = sub.add_parser(
        "serve",
        parents=[common, site, engines],
        help="serve the docs site with live reload; editing docs/ or the kb rebuilds it",
    )
    p.add_argument("--dev-addr", metavar="HOST:PORT", help="address to serve on (default: 127.0.0.1:8000)")

    p = sub.add_parser(
        "generate",
        parents=[common, site],
        help="write the generated pages, merged with docs/, and a plugin-free mkdocs.yml to a folder",
    )
    p.add_argument(
        "--out",
        required=True,
        metavar="DIR",
        help="folder to write (replaced whole; build it with zensical build or mkdocs build)",
    )
    p.add_argument("--docs-dir", default="docs", metavar="DIR", help="hand-written pages to merge in (default: docs)")
    p.add_argument("--no-diagrams", action="store_true", help="skip the diagrams (no graphviz needed)")
    p.add_argument("--no-quiz", action="store_true", help="skip the quiz page")

    p = sub.add_parser(
        "diagrams", parents=[common], help="render the architecture diagrams and the overview (SVG, PNG) with graphviz"
    )
    p.add_argument(
        "--out", required=True, metavar="DIR", help="folder for <architecture-id>.<format> and overview.<format>"
    )
    p.add_argument(
        "--format",
        type=_formats,
        default=["svg", "png"],
        metavar="svg,png",
        help="formats, comma-separated (default: svg,png)",
    )
    p.add_argument("--only", metavar="ID", help="render one diagram: an architecture id or overview")
    p.add_argument(
        "--cache",
        default=".archkb-cache/diagrams",
        metavar="DIR",
        help="render cache (default: .archkb-cache/diagrams)",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="time limit for laying out one diagram (default: 60)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress line per diagram on stderr")
    return parser
