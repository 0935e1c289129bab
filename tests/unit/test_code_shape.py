"""The code's shape: no import circles between the game's modules, and one fixed step."""

from __future__ import annotations

import ast
from pathlib import Path

GAME = Path(__file__).resolve().parents[2] / "game"


def module_imports() -> dict[str, set[str]]:
    """Module → the game modules it imports at its top level (imports inside functions are lazy on purpose)."""
    names = {}
    for path in GAME.rglob("*.py"):
        name = ".".join(path.relative_to(GAME.parent).with_suffix("").parts)
        names[name.removesuffix(".__init__")] = path
    graph = {}
    for name, path in names.items():
        found = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            for target in targets:
                while target and target not in names:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    found.add(target)
        graph[name] = found
    return graph


def test_no_module_imports_itself_back_in_a_circle():
    graph = module_imports()
    done, path = set(), []

    def visit(name):
        if name in path:
            raise AssertionError("import circle: " + " -> ".join(path[path.index(name):] + [name]))
        if name in done:
            return
        path.append(name)
        for other in sorted(graph[name]):
            visit(other)
        path.pop()
        done.add(name)

    for name in sorted(graph):
        visit(name)


def test_the_fixed_step_is_defined_once():
    places = [str(p.relative_to(GAME)) for p in GAME.rglob("*.py") if any(line.startswith("DT =") for line in p.read_text(encoding="utf-8").splitlines())]
    assert places == ["sim/timestep.py"]
