"""The one exception type of archkb: a list of problems, each with file, line and column."""

from __future__ import annotations

from dataclasses import dataclass

#: Exit codes of the ``archkb`` command (documented in the README).
EXIT_OK = 0
EXIT_PROBLEMS = 1  # the KB (or another input) has problems; one line per problem was printed
EXIT_USAGE = 2  # bad command-line arguments
EXIT_ENVIRONMENT = 3  # a tool archkb needs (e.g. graphviz) is missing or failed
EXIT_INTERRUPTED = 130  # Ctrl-C


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input, at a 1-based line and column (0 when unknown)."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


class KBError(Exception):
    """Raised with every problem found, so a user can fix them all in one go."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class EnvironmentProblem(Exception):
    """A tool archkb needs is missing or failed (exit code EXIT_ENVIRONMENT)."""
