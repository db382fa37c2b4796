"""The one exception type of archkb: a list of problems, each with file, line and column."""

from __future__ import annotations

#: Exit codes of the ``archkb`` command (documented in the README and docs/cli.md).
EXIT_OK = 0
EXIT_PROBLEMS = 1  # the KB (or another input) has problems; one line per problem was printed
EXIT_USAGE = 2  # bad command-line arguments
EXIT_ENVIRONMENT = 3  # a tool archkb needs (e.g. graphviz) is missing or failed
EXIT_INTERRUPTED = 130  # Ctrl-C


class Problem:
    """One thing wrong with an input, at a 1-based line and column (0 when unknown).

    Compared, hashed and sorted as the tuple (path, line, col, message). A plain class rather than a
    dataclass: this module is on the quiz's start path, and importing ``dataclasses`` costs more than
    the whole budget left for archkb's own code (``docs/performance.md``).
    """

    __slots__ = ("path", "line", "col", "message")

    def __init__(self, path: str, line: int, col: int, message: str) -> None:
        self.path = path
        self.line = line
        self.col = col
        self.message = message

    def key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.col, self.message)

    def as_dict(self) -> dict[str, str | int]:
        return {"path": self.path, "line": self.line, "col": self.col, "message": self.message}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Problem) and self.key() == other.key()

    def __lt__(self, other: Problem) -> bool:
        return self.key() < other.key()

    def __hash__(self) -> int:
        return hash(self.key())

    def __repr__(self) -> str:
        return f"Problem{self.key()!r}"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


class KBError(Exception):
    """Raised with every problem found, so a user can fix them all in one go."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class EnvironmentProblem(Exception):
    """A tool archkb needs is missing or failed (exit code EXIT_ENVIRONMENT)."""
