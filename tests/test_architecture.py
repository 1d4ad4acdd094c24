"""The layering rules and start-up costs the design depends on."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "tui_recsys"
FORBIDDEN = {
    "data": ("tui_recsys.engine", "tui_recsys.app", "textual", "tensorflow", "keras"),
    "engine": ("tui_recsys.app", "textual"),
}


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_lower_layers_never_import_higher_ones(layer: str):
    for path in (PACKAGE / layer).rglob("*.py"):
        bad = {name for name in _imports(path)
               if any(name == f or name.startswith(f + ".") for f in FORBIDDEN[layer])}
        assert not bad, f"{path.name} imports {bad}"


def test_only_keras_training_imports_tensorflow():
    for path in PACKAGE.rglob("*.py"):
        if path.name != "keras_training.py":
            assert not {n for n in _imports(path) if n.split(".")[0] in {"tensorflow", "keras"}}, (
                path)


def test_headless_answer_imports_no_heavy_library(tiny: Path):
    script = (
        "import sys\n"
        "from tui_recsys.cli import main\n"
        f"main(['recommend', 'content', '--movie', 'Avatar', '--data', {str(tiny)!r}])\n"
        f"main(['recommend', 'content', '--movie', 'Avatar', '--data', {str(tiny)!r}])\n"
        "print(sorted(m for m in ('tensorflow', 'keras', 'datasets', 'textual')"
        " if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True, timeout=120)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_start_up_imports_no_heavy_library():
    """The app's own imports, before any model loads: scipy comes later, off the first paint."""
    script = ("import sys\nimport tui_recsys.cli, tui_recsys.app.main\n"
              "print(sorted(m for m in ('scipy', 'sklearn', 'tensorflow', 'keras', 'datasets')"
              " if m in sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True, timeout=120)
    assert result.stdout.strip() == "[]"


def test_ruff_is_clean():
    root = PACKAGE.parent
    result = subprocess.run([sys.executable, "-m", "ruff", "check", str(root / "tui_recsys"),
                             str(root / "tests"), str(root / "benchmarks")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
