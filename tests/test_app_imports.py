"""The project's apps depend on each other in one direction only: no two apps import each other,
directly or round a longer loop, so each room can be read (and changed) on its own."""

import ast
from itertools import pairwise
from pathlib import Path

from django.apps import apps
from django.conf import settings

# Files being moved into the `api/` app on a parallel branch; they import across apps by design
# (the API calls several apps' services). Remove them from here once they live in api/.


def _local_apps():
    root = Path(settings.BASE_DIR)
    return {
        config.label: Path(config.path)
        for config in apps.get_app_configs()
        if Path(config.path).parent == root
    }


def _imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def app_imports():
    """{app: {other app it imports: [file that imports it, ...]}} for the project's own apps."""
    local = _local_apps()
    root = Path(settings.BASE_DIR)
    graph = {label: {} for label in local}
    for label, folder in local.items():
        for path in sorted(folder.rglob("*.py")):
            relative = path.relative_to(root).as_posix()
            for module in _imported_modules(path):
                target = module.split(".")[0]
                if target in local and target != label:
                    graph[label].setdefault(target, []).append(relative)
    return graph


def _cycles(graph):
    """Every loop of imports between apps, as a list of app names."""
    found, stack = [], []

    def visit(app):
        if app in stack:
            loop = stack[stack.index(app) :] + [app]
            if sorted(loop[:-1]) not in [sorted(c[:-1]) for c in found]:
                found.append(loop)
            return
        stack.append(app)
        for target in graph[app]:
            visit(target)
        stack.pop()

    for app in graph:
        visit(app)
    return found


def test_no_two_apps_import_each_other():
    graph = app_imports()
    loops = []
    for loop in _cycles(graph):
        steps = "; ".join(f"{a} → {b} in {', '.join(graph[a][b])}" for a, b in pairwise(loop))
        loops.append(f"{' → '.join(loop)} ({steps})")
    assert not loops, "Apps that import each other:\n" + "\n".join(loops)


def test_the_catalogue_knows_nothing_of_members():
    # Resource pages show members' features through library.resource_extensions instead.
    assert "community" not in app_imports()["library"]
