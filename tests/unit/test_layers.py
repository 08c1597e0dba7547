"""The house rule: imports run one way, and nothing imports in a circle.

    cli → output → service → api/models/types/client/context/auth → transport/utils/tls
        → errors/constants → config → golang

Every module of ``swarmctl`` gets the rank of the layer it lives in; a module may import modules
of its own rank or lower, never higher. Imports inside functions count too: a lazy import
is still an arrow. ``swarmctl/__init__.py`` and ``__main__.py`` sit on top (the package's
front door and the ``python -m`` entry).
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

import swarmctl

PACKAGE_ROOT = Path(swarmctl.__file__).resolve().parent

# (module prefix, rank); the longest matching prefix wins.
LAYERS = (
    ("swarmctl.golang", 0),
    ("swarmctl.config", 1),
    ("swarmctl.errors", 2),
    ("swarmctl.constants", 2),
    ("swarmctl.tls", 3),
    ("swarmctl.transport", 3),
    ("swarmctl.utils", 3),
    ("swarmctl.types", 4),
    ("swarmctl.api", 4),
    ("swarmctl.models", 4),
    ("swarmctl.auth", 4),
    ("swarmctl.context", 4),
    ("swarmctl.client", 4),
    ("swarmctl.service", 5),
    ("swarmctl.output", 6),
    ("swarmctl.cli", 7),
    ("swarmctl.__main__", 8),
    ("swarmctl", 8),
)


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_ROOT.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _runtime_nodes(tree: ast.AST):
    """Every node that can run: ``if TYPE_CHECKING:`` blocks only feed type checkers."""
    pending = [tree]
    while pending:
        node = pending.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                pending.extend(child.orelse)
                continue
            pending.append(child)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(path: Path, module: str) -> set[str]:
    """The swarmctl modules ``module`` imports, wherever the import statement stands."""
    return imports_in_source(path.read_text(encoding="utf-8"), module, path.name == "__init__.py")


def imports_in_source(source: str, module: str, is_package: bool = False) -> set[str]:
    package = module if is_package else module.rpartition(".")[0]
    found = set()
    for node in _runtime_nodes(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            # `from swarmctl.x import y` may name a submodule y.
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                if candidate in MODULES:
                    found.add(candidate)
    return {name for name in found if name == "swarmctl" or name.startswith("swarmctl.")}


MODULES = {
    _module_name(path): path for path in sorted(PACKAGE_ROOT.rglob("*.py"))
}
GRAPH = {module: _imports(path, module) - {module} for module, path in MODULES.items()}


def rank(module: str) -> int:
    best = None
    for prefix, value in LAYERS:
        if module == prefix or module.startswith(prefix + "."):
            if best is None or len(prefix) > len(best[0]):
                best = (prefix, value)
    assert best is not None, f"{module} belongs to no layer: add it to LAYERS"
    return best[1]


def test_every_module_has_a_layer():
    for module in MODULES:
        rank(module)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_run_one_way(module):
    upward = sorted(
        target for target in GRAPH[module]
        if target != "swarmctl" and rank(target) > rank(module)
    )
    assert not upward, f"{module} (layer {rank(module)}) imports a higher layer: {upward}"


def test_no_import_cycles():
    # Tarjan's strongly connected components over the module graph.
    index, low, on_stack, stack, cycles = {}, {}, set(), [], []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(GRAPH.get(node, ())):
            if target not in MODULES:
                continue
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(MODULES):
        if module not in index:
            visit(module)
    assert not cycles, f"import cycles: {cycles}"


def test_the_walker_sees_every_kind_of_import():
    source = (
        "import swarmctl.errors\n"
        "from swarmctl.service import flags\n"
        "from ..output.tables import natural_key\n"
        "def late():\n"
        "    from swarmctl.cli.main import run\n"
        "if TYPE_CHECKING:\n"
        "    from swarmctl.client import DockerClient\n"
    )
    found = imports_in_source(source, "swarmctl.golang.example")
    assert found == {"swarmctl.errors", "swarmctl.service", "swarmctl.service.flags",
                     "swarmctl.output.tables", "swarmctl.cli.main"}
    upward = {name for name in found if rank(name) > rank("swarmctl.golang.example")}
    assert upward == found


def _third_party_imports(path: Path) -> set[str]:
    found = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("module", sorted(
    m for m in MODULES if m.startswith(("swarmctl.service", "swarmctl.output"))))
def test_only_the_cli_knows_click(module):
    # docker's service rules and the renderers serve the library too: no click in them.
    assert "click" not in _third_party_imports(MODULES[module])
