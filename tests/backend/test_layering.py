"""The backend's layering, checked on the source: services depend on each other one way only, and the REST
routes and admin pages reach the database through services, never by themselves."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BACKEND = ROOT / "backend"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in BACKEND.rglob("*.py") if "migrations" not in p.parts}


def _imports(name: str) -> Iterator[str]:
    """Every module `name` imports, at the top or inside functions (not under `if TYPE_CHECKING:`)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]

    def walk(nodes: list[ast.stmt]) -> Iterator[ast.AST]:
        for node in nodes:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                yield from walk(node.orelse)
                continue
            yield from ast.walk(node)

    for node in walk(ast.parse(path.read_text(encoding="utf-8")).body):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([node.module] if node.module else []))
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in MODULES)


def _service_graph() -> dict[str, set[str]]:
    services = {m for m in MODULES if m.startswith("backend.services")}
    graph: dict[str, set[str]] = {}
    for name in services:
        deps = set()
        for imported in _imports(name):
            parts = imported.split(".")
            for i in range(1, len(parts) + 1):
                target = ".".join(parts[:i])
                # importing a.b.c runs a and a.b first; the packages above `name` are already running
                if target in services and target != name and (target == imported or not name.startswith(target + ".")):
                    deps.add(target)
        graph[name] = deps
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                return path[path.index(dep):] + [dep]
            if dep not in state and (found := visit(dep)):
                return found
        state[node] = 2
        path.pop()
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_services_import_each_other_one_way_only() -> None:
    graph = _service_graph()
    assert len(graph) > 20 and graph["backend.services.catalogue.session_writes"]  # the check sees the services
    assert _cycle(graph) is None, " -> ".join(_cycle(graph) or [])


def test_the_cycle_check_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]


@pytest.mark.parametrize("name", sorted(m for m in MODULES if m.startswith(("backend.api.routes", "backend.admin"))))
def test_routes_and_admin_pages_query_through_services(name: str) -> None:
    reaching = sorted({i for i in _imports(name) if i.startswith(("backend.models", "tortoise"))})
    assert reaching == [], f"{name} imports {reaching}: ask a service instead"
