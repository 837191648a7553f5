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


# --- Modules within one app ------------------------------------------------------------------

# Imports made inside a function that would otherwise close a circle between an app's modules,
# each with the reason it waits: (importing module, imported module) -> why.
DEFERRED_IMPORTS = {
    ("library.services", "library.models"): (
        "Wagtail renders a page through its model (get_context, clean), so the library's page "
        "models ask library.services for their resources; the services query those models, "
        "and import them when first called."
    ),
    ("library.creators", "library.models"): (
        "Same as library.services: the page models list a resource's creators through it."
    ),
    ("library.services", "library.creators"): (
        "library.creators queries the page models (see above); the services ask it only when "
        "a listing is filtered by creator."
    ),
    ("library.listing", "library.models"): (
        "Same as library.services: the library and category pages page through their resources "
        "with library.listing, which queries the page models when first called."
    ),
    ("paths.models", "paths.services"): (
        "Same as programs: the path index renders through its model's get_context, which asks "
        "paths.services for the published paths; the services query the page models."
    ),
    ("safety.models", "safety.statuses"): (
        "A status is validated (clean) against the resource's current status, which "
        "safety.statuses reads; the statuses service writes and queries the model."
    ),
    ("programs.models.pages", "programs.services.pages"): (
        "Wagtail renders a program or week page through its model's get_context, which asks "
        "programs.services for the page's context; the services query the page models."
    ),
}


def _module_name(path, root):
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node):
    test = node.test
    return getattr(test, "id", None) == "TYPE_CHECKING" or getattr(test, "attr", None) == (
        "TYPE_CHECKING"
    )


def _import_nodes(tree, deferred):
    """The import statements run when the module is imported; with `deferred`, also those
    inside functions (never those only for type checkers)."""
    if deferred:
        yield from (
            node for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom)
        )
        return

    def walk(body):
        for node in body:
            if isinstance(node, ast.Import | ast.ImportFrom):
                yield node
            elif isinstance(node, ast.If) and not _is_type_checking(node):
                yield from walk(node.body)
                yield from walk(node.orelse)
            elif isinstance(node, ast.Try):
                for block in (node.body, node.orelse, node.finalbody, *node.handlers):
                    yield from walk(block if isinstance(block, list) else block.body)

    yield from walk(tree.body)


def _named_modules(node, module, is_package):
    """Every dotted name `node` may import: the module and, for `from m import x`, m.x too
    (x may be a submodule)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        package = module.split(".") if is_package else module.split(".")[:-1]
        package = package[: len(package) - (node.level - 1)]
        base = ".".join(package + ([node.module] if node.module else []))
    return [base, *(f"{base}.{alias.name}" for alias in node.names)]


def module_imports(app_folder, deferred=False):
    """{module: {module of the same app it imports: line}}. Importing a.b.c runs a and a.b
    too, so a module also depends on the packages above what it imports."""
    root = Path(settings.BASE_DIR)
    paths = {
        _module_name(path, root): path
        for path in app_folder.rglob("*.py")
        if "migrations" not in path.relative_to(app_folder).parts
    }
    graph = {}
    for module, path in paths.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        targets = {}
        for node in _import_nodes(tree, deferred):
            for name in _named_modules(node, module, path.name == "__init__.py"):
                parts = name.split(".")
                for end in range(len(parts), 0, -1):
                    candidate = ".".join(parts[:end])
                    if candidate in paths:
                        targets.setdefault(candidate, node.lineno)
                        break
        for target in list(targets):
            parts = target.split(".")
            for end in range(1, len(parts)):
                package = ".".join(parts[:end])
                if package in paths:
                    targets.setdefault(package, targets[target])
        graph[module] = {
            target: line
            for target, line in targets.items()
            if target != module and not module.startswith(f"{target}.")
        }
    return graph


def _module_circles(graph):
    """The groups of modules that import each other round a loop (strongly connected
    components of more than one module), each sorted."""
    order, low, stack, on_stack, circles = {}, {}, [], set(), []

    def visit(module):
        order[module] = low[module] = len(order)
        stack.append(module)
        on_stack.add(module)
        for target in graph[module]:
            if target not in order:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], order[target])
        if low[module] == order[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                circles.append(sorted(group))

    for module in graph:
        if module not in order:
            visit(module)
    return circles


def _describe(graph, circle):
    return "; ".join(
        f"{module} → {target} (line {line})"
        for module in circle
        for target, line in sorted(graph[module].items())
        if target in circle
    )


def test_no_import_circle_between_the_modules_of_an_app():
    found = []
    for label, folder in _local_apps().items():
        graph = module_imports(folder)
        found += [f"{label}: {_describe(graph, c)}" for c in _module_circles(graph)]
    assert not found, "Modules of one app that import each other:\n" + "\n".join(found)


def test_imports_inside_functions_break_no_circle_unless_explained():
    # An import moved into a function hides a circle from the test above; only the ones in
    # DEFERRED_IMPORTS, with their reason, may do so.
    found = []
    for label, folder in _local_apps().items():
        graph = module_imports(folder, deferred=True)
        for module, targets in graph.items():
            for target in [t for t in targets if (module, t) in DEFERRED_IMPORTS]:
                # with the packages above it, which that import runs too
                for name in [n for n in targets if target == n or target.startswith(f"{n}.")]:
                    del targets[name]
        found += [f"{label}: {_describe(graph, c)}" for c in _module_circles(graph)]
    assert not found, "Modules of one app that import each other:\n" + "\n".join(found)


def test_every_explained_deferred_import_is_still_there():
    everything = {}
    for folder in _local_apps().values():
        everything.update(module_imports(folder, deferred=True))
    stale = [pair for pair in DEFERRED_IMPORTS if pair[1] not in everything.get(pair[0], {})]
    assert not stale, f"DEFERRED_IMPORTS names imports that are gone: {stale}"
