"""The ``archkb`` command: a thin shell over the pipeline. Each subcommand (parsed by
:mod:`archkb.arguments`) calls the core and turns :class:`KBError` into one ``path:line:col: message``
line per problem.

Exit codes: 0 success; 1 problems in the input (each printed); 2 bad arguments; 3 a tool archkb
needs (e.g. graphviz) is missing or failed; 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import cast

from .arguments import EXPORT_FORMATS, build_parser
from .errors import EXIT_ENVIRONMENT, EXIT_INTERRUPTED, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EnvironmentProblem, KBError

Args = argparse.Namespace
Handler = Callable[[Args], int]

#: Exit code when stdout is a pipe whose reader has gone (128 + SIGPIPE, as a shell reports it).
EXIT_BROKEN_PIPE = 141


def _kb(args: Args):  # type: ignore[no-untyped-def]

    from .kb import load_kb

    return load_kb(Path(args.kb))


def cmd_validate(args: Args) -> int:
    """Check every kb file and cross-file rule; print a summary when clean."""

    from .kb import load_kb

    try:
        kb = load_kb(Path(args.kb))
    except KBError as err:
        if args.format == "json":
            print(json.dumps({"ok": False, "problems": [p.as_dict() for p in err.problems]}, indent=2))
        raise
    summary = summarize(kb)
    if args.format == "json":
        print(json.dumps({"ok": True, "problems": [], "summary": summary}, indent=2))
    else:
        print(f"{args.kb}: OK")
        for name, count in summary.items():
            print(f"  {name:<22} {count}")
    return EXIT_OK


def summarize(kb) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Counts of what a KB holds."""
    return {
        "architectures": len(kb.architectures),
        "concepts": len(kb.concepts),
        "restrictions": len(kb.restrictions),
        "reader Q&A threads": len(kb.threads),
        "CNI table rows": len(kb.cni_table.rows) if kb.cni_table else 0,
        "sources": len(kb.sources),
        "cited sections": len({str(c) for f in kb.facts.values() for c in f.cites}),
        "facts": len(kb.facts),
        "vocabulary terms": sum(len(g.terms) for g in kb.vocabulary.values()),
    }


def cmd_show(args: Args) -> int:
    """Print one fact (or concept, restriction, architecture, source) with its citation."""
    from .show import describe

    kb = _kb(args)
    text = describe(kb, args.id)
    if text is None:
        import difflib

        close = difflib.get_close_matches(
            args.id, sorted(kb.facts) + sorted(kb.sources) + [a.id for a in kb.architectures], n=3
        )
        hint = f" (close matches: {', '.join(close)})" if close else ""
        print(
            f"archkb: no fact, concept, restriction, architecture or source with id {args.id!r}{hint}", file=sys.stderr
        )
        return EXIT_PROBLEMS
    print(text)
    return EXIT_OK


def cmd_export(args: Args) -> int:
    """Write the resolved KB or the quiz bank for other tools."""

    from .atomic import write_atomic
    from .export import kb_to_json

    formats = EXPORT_FORMATS[args.what]
    fmt = args.format or formats[0]
    if fmt not in formats:
        print(f"archkb: --what {args.what} writes --format {' or '.join(formats)}, not {fmt}", file=sys.stderr)
        return EXIT_USAGE
    if args.what in ("exam", "handout"):
        return _export_paper(args)
    if args.what == "quiz":
        from .quiz.exports import Format, export_quiz
        from .site_url import site_url

        if fmt in ("moodle", "qti"):
            address = site_url(args.site_url, args.config_file)
        elif fmt in ("gift", "anki"):
            address = optional_site_url(args.site_url, args.config_file)
        else:
            address = ""
        code = export_quiz(args.kb, cast(Format, fmt), Path(args.out), address, args.moodle_multiple)
        print(f"wrote {args.out}", file=sys.stderr)  # stdout may be the output (--out /dev/stdout)
        return code
    kb = _kb(args)
    write_atomic(Path(args.out), kb_to_json(kb))
    print(f"wrote {args.out}", file=sys.stderr)  # stdout may be the output (--out /dev/stdout)
    return EXIT_OK


def optional_site_url(given: str | None, config_file: str) -> str:
    """The site's address when there is one (a bad ``--site-url`` is still an error), else ""."""
    from .site_url import configured_site, site_url

    if given is not None:
        return site_url(given, config_file)
    return configured_site(config_file)[0] or ""


def _export_paper(args: Args) -> int:
    """``--what exam`` (a folder of forms and keys) and ``--what handout`` (one PDF)."""
    from .paper.shell import export_exam, export_handout
    from .site_url import site_url

    if args.what == "handout":
        code = export_handout(args.kb, Path(args.out), site_url(args.site_url, args.config_file))
    else:
        if args.blueprint and args.count is not None:
            print("archkb: give --count or --blueprint, not both (a blueprint says how many)", file=sys.stderr)
            return EXIT_USAGE
        blueprint = Path(args.blueprint) if args.blueprint else None
        address = site_url(args.site_url, args.config_file)
        code = export_exam(args.kb, Path(args.out), args.forms, args.count or 20, blueprint, args.seed, address)
    print(f"wrote {args.out}", file=sys.stderr)
    return code


def cmd_quiz(args: Args) -> int:
    """Take the training quiz in the terminal (or scripted, one answer per line on stdin)."""
    if args.bank_stats:
        from .quiz.mix import run_bank_stats

        return run_bank_stats(args.kb, args.json)
    from .quiz import schedule

    try:
        schedule.now()  # a bad $ARCHKB_NOW is a usage error of every quiz mode, said before anything runs
    except schedule.BadClock as err:
        print(f"archkb: {err}", file=sys.stderr)
        return EXIT_USAGE
    if args.due or args.stats:
        from .quiz.views import run_view

        return run_view(args.kb, "due" if args.due else "stats", args.progress, args.json)
    if args.merge:
        from .quiz.views import run_merge

        return run_merge(args.merge, args.progress)
    from .quiz.terminal import run

    return run(
        args.kb,
        args.count,
        args.seed,
        args.topic,
        args.review,
        args.exam,
        args.json,
        args.progress,
        args.time_limit,
        args.pass_mark,
        args.results,
        args.site_url,
    )


def cmd_build(args: Args) -> int:
    """Build the docs site strictly with the chosen engine into a temp folder, swapped in on success."""

    from .site.engines import build
    from .site.mkdocs_shell import SiteError

    _kb(args)  # the KB's own problems first, one line each
    try:
        site = build(args.engine, Path(args.config_file), Path(args.kb), Path(args.site_dir) if args.site_dir else None)
    except SiteError as err:
        print(f"archkb: {err}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"built {site} with {args.engine}")
    return EXIT_OK


def cmd_serve(args: Args) -> int:
    """Serve the docs site with live reload with the chosen engine, watching the kb too."""

    from .site.engines import serve
    from .site.mkdocs_shell import SiteError

    _kb(args)
    try:
        serve(args.engine, Path(args.config_file), Path(args.kb), args.dev_addr)
    except SiteError as err:
        print(f"archkb: {err}", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def cmd_generate(args: Args) -> int:
    """Write the generated docs (merged with docs/) and a plugin-free mkdocs.yml to a folder."""

    from .site.mkdocs_shell import SiteError, generate_tree, write_tree

    kb = _kb(args)
    try:
        tree = generate_tree(
            kb, Path(args.docs_dir), Path(args.config_file), diagrams=not args.no_diagrams, quiz=not args.no_quiz
        )
        write_tree(Path(args.out), tree, Path(args.docs_dir))
    except SiteError as err:
        print(f"archkb: {err}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"wrote {len(tree)} files to {args.out}; build them with: cd {args.out} && zensical build (or mkdocs build)")
    return EXIT_OK


def cmd_diagrams(args: Args) -> int:
    """Render the architecture diagrams (and the overview) with graphviz, reusing the render cache."""

    from .diagrams.render import diagram_names, render_all

    kb = _kb(args)
    names = diagram_names(kb)
    if args.only is not None and args.only not in names:
        print(f"archkb: no diagram named {args.only!r}; choose from {', '.join(names)}", file=sys.stderr)
        return EXIT_USAGE
    report = render_all(
        kb, Path(args.out), args.format, args.only, Path(args.cache), progress=not args.quiet, timeout=args.timeout
    )
    print(
        f"wrote {len(report.files)} files to {args.out} ({len(report.rendered)} rendered, {len(report.cached)} "
        f"from the cache)"
    )
    return EXIT_OK


#: What runs each subcommand that :func:`archkb.arguments.build_parser` parses.
HANDLERS: dict[str, Handler] = {
    "validate": cmd_validate,
    "show": cmd_show,
    "export": cmd_export,
    "quiz": cmd_quiz,
    "build": cmd_build,
    "serve": cmd_serve,
    "generate": cmd_generate,
    "diagrams": cmd_diagrams,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``archkb``; return the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    handler = HANDLERS[args.command]
    try:
        code = handler(args)
        sys.stdout.flush()  # a closed pipe shows here, not as a traceback at interpreter exit
        return code
    except BrokenPipeError:
        # The reader went away (`archkb validate | head -1`): stop quietly, as other tools do on SIGPIPE.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except KBError as err:
        if getattr(args, "format", "text") != "json" or args.command != "validate":
            for problem in err.problems:
                print(problem, file=sys.stderr)
        return EXIT_PROBLEMS
    except EnvironmentProblem as err:
        print(f"archkb: {err}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    except KeyboardInterrupt:
        print("archkb: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
