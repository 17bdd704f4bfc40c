"""One core, thin faces: no core module imports the CLI or the web app."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
FACES = ("cli", "web")


def _imports(path: Path, root: Path = PACKAGE.parent) -> set[str]:
    """Every module a file imports, relative imports resolved against the package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parts = path.relative_to(root).with_suffix("").parts
    package = parts[:-1] if parts[-1] != "__init__" else parts[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join((*base, node.module)) if node.module else ".".join(base)
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def _core_files() -> list[Path]:
    return [
        p
        for p in PACKAGE.rglob("*.py")
        if p.relative_to(PACKAGE).parts[0] not in FACES and p.name != "__main__.py"
    ]


def test_core_never_imports_a_face():
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(
            m for m in _imports(path) if any(m.startswith(f"generator.{face}") for face in FACES)
        )
        for path in _core_files()
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_check_sees_relative_imports(tmp_path):
    """The resolver itself: relative imports of a face from a core module are caught."""
    core = tmp_path / "generator" / "diagrams"
    core.mkdir(parents=True)
    sample = core / "x.py"
    sample.write_text("from ..cli.output import say\nfrom .. import web\nfrom . import dot\n")
    found = _imports(sample, tmp_path)
    assert "generator.cli.output" in found and "generator.web" in found
    assert "generator.diagrams.dot" in found
