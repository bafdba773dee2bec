"""The one-way flow, held by the code's own imports (DESIGN.md, "One direction of flow").

Stages (crawlers, scoring, evidence, dashboard) import only the shared leaf ``core`` and
themselves; ``core`` imports no stage; ``tada`` (the command line) is the one place that
imports stages. Imports are read with ``ast`` (lazy imports inside functions included), so a
stage cannot reach another through a deferred import either.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LEAF = "core"
STAGES = ("crawlers", "scoring", "evidence", "dashboard")
FRONT_DOOR = "tada"
PROJECT = (LEAF, FRONT_DOOR, *STAGES)


def imported_modules(path: Path) -> set[str]:
    """Every absolute module name the file imports, at any depth."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def project_imports(package: str) -> dict[str, set[str]]:
    """Module path → the top-level project packages it imports."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        tops = {name.split(".")[0] for name in imported_modules(path)} & set(PROJECT)
        found[str(path.relative_to(ROOT))] = tops
    return found


def test_stages_import_only_the_leaf_and_themselves():
    wrong = {module: sorted(tops - {LEAF, stage})
             for stage in STAGES
             for module, tops in project_imports(stage).items() if tops - {LEAF, stage}}
    assert wrong == {}


def test_the_leaf_imports_no_stage():
    wrong = {module: sorted(tops - {LEAF})
             for module, tops in project_imports(LEAF).items() if tops - {LEAF}}
    assert wrong == {}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_import_circles():
    modules = {_module_name(p): p for pkg in PROJECT for p in (ROOT / pkg).rglob("*.py")}
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        for target in imported_modules(path):
            # "from a.b import c" may name a module a.b.c or an attribute of a.b
            while target and target not in modules:
                target = target.rpartition(".")[0]
            package = name if path.name == "__init__.py" else name.rpartition(".")[0]
            if target and target != name and not package.startswith(target):
                graph[name].add(target)
    cycles: list[list[str]] = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*trail[trail.index(nxt):], nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for start in sorted(modules):
        if start not in state:
            visit(start, [start])
    assert cycles == []


def test_the_check_sees_a_violation(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from scoring.score import run\n    import dashboard.app\n")
    assert {"scoring", "dashboard"} <= {n.split(".")[0] for n in imported_modules(bad)}
