"""What validation reports: violations shaped like LINE's ``details`` and the paths they point at."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# A path is a linked list of (parent, segment) tuples, built cheaply while walking and
# rendered only when something is wrong.
PathNode = tuple | None


@dataclass(frozen=True, slots=True)
class Violation:
    """One problem in a request body, shaped like an entry of LINE's ``details``."""

    property: str
    message: str

    def as_detail(self) -> dict[str, str]:
        return {"message": self.message, "property": self.property}


# A compiled validator: ``check(value, path, errors)`` appends what is wrong with ``value`` to ``errors``.
Check = Callable[[Any, PathNode, list[Violation]], None]


def render_path(path: PathNode) -> str:
    """``(((None,'messages'),0),'text')`` -> ``messages[0].text``."""
    parts: list[str | int] = []
    while path is not None:
        path, segment = path
        parts.append(segment)
    out: list[str] = []
    for segment in reversed(parts):
        if isinstance(segment, int):
            out.append(f"[{segment}]")
        elif out:
            out.append("." + segment)
        else:
            out.append(segment)
    return "".join(out)


def add_violation(errors: list[Violation], path: PathNode, message: str) -> None:
    errors.append(Violation(render_path(path), message))
