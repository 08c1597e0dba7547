"""swarmctl.golang is a leaf: the standard library and its own modules, nothing else."""

import ast
import pathlib
import sys

import swarmctl.golang

ROOT = pathlib.Path(swarmctl.golang.__file__).parent
MODULES = sorted(ROOT.rglob("*.py"))


def _package_of(path):
    parts = list(path.relative_to(ROOT.parent.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
        return ".".join(parts)
    return ".".join(parts[:-1])


def _imports(path):
    """(absolute module name, line) of every import in ``path``."""
    package = _package_of(path)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - (node.level - 1)]
                yield ".".join(base + ([node.module] if node.module else [])), node.lineno
            else:
                yield node.module, node.lineno


def test_there_are_modules_to_check():
    names = {p.relative_to(ROOT).as_posix() for p in MODULES}
    assert {"strconv.py", "time.py", "json.py", "template/exec.py"} <= names


def test_golang_imports_only_stdlib_and_itself():
    bad = []
    for path in MODULES:
        for module, line in _imports(path):
            top = module.split(".")[0]
            if module == "swarmctl.golang" or module.startswith("swarmctl.golang."):
                continue
            if top == "__future__" or top in sys.stdlib_module_names:
                continue
            bad.append("%s:%d imports %s" % (path.relative_to(ROOT), line, module))
    assert bad == []
