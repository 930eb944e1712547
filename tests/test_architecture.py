"""House rules that keep the core Django-free (DESIGN.md: the web apps call the library, never
the other way round). import-linter checks the same in ``make test``; this test also runs with
pytest alone."""

from __future__ import annotations

import ast
from pathlib import Path

import gongkai

PACKAGE = Path(gongkai.__file__).parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_nothing_outside_the_web_package_imports_django() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "web" not in path.relative_to(PACKAGE).parts and "django" in _imports(path)
    ]
    assert offenders == []


def test_the_public_api_is_curated_and_importable() -> None:
    for name in gongkai.__all__:
        assert hasattr(gongkai, name), name
    assert callable(gongkai.check)
    assert callable(gongkai.read)
