"""The layering rules and start-up costs the design depends on. The layers themselves are
import-linter contracts in pyproject.toml, run here; these tests keep what a contract cannot
say: no circle even inside a layer, and what a running program has actually imported."""

import ast
import os
import subprocess
import sys
from pathlib import Path

from tests.support import make_engine, seeded_factors

PACKAGE = Path(__file__).resolve().parents[1] / "tui_recsys"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _runtime_imports(path: Path) -> set[str]:
    """Every import the module can run, at its top or inside a function (a lazy import
    still closes a circle once it runs); not those under `if TYPE_CHECKING`."""
    names = set()
    module = _module_name(path)
    tree = ast.parse(path.read_text())
    checking_only = {id(child) for node in ast.walk(tree)
                     if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
                     for child in ast.walk(node)}
    for node in ast.walk(tree):
        if id(node) in checking_only:
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    ancestors = {module.rsplit(".", depth)[0] for depth in range(1, module.count(".") + 1)}
    found = set()
    for name in names:
        while name.startswith("tui_recsys"):  # a package's __init__ runs before its modules
            path = PACKAGE.parent / name.replace(".", "/")
            if path.with_suffix(".py").is_file() or (path / "__init__.py").is_file():
                found.add(name)
            name = name.rpartition(".")[0]
    # Being imported already, a module's own packages are no circle of its making.
    return found - ancestors - {module}


def test_no_import_circle():
    graph = {_module_name(path): _runtime_imports(path) for path in PACKAGE.rglob("*.py")}
    visiting, done = [], set()

    def visit(module: str) -> None:
        if module in done:
            return
        assert module not in visiting, f"import circle: {' -> '.join([*visiting, module])}"
        visiting.append(module)
        for dependency in sorted(graph.get(module, ())):
            visit(dependency)
        visiting.pop()
        done.add(module)

    for module in sorted(graph):
        visit(module)


def test_no_match_on_strategies_outside_the_registry():
    """Adding a strategy is a module in engine/strategies: nothing else picks by strategy."""
    registry = PACKAGE / "engine" / "strategies"
    for path in PACKAGE.rglob("*.py"):
        if registry not in path.parents:
            matches = [node for node in ast.walk(ast.parse(path.read_text()))
                       if isinstance(node, ast.Match)]
            assert not matches, f"{path.name} line {matches[0].lineno} has a match statement"


def test_the_import_contracts_hold():
    """The layers, TensorFlow only in training, textual only in the app, and nothing heavy on
    the warm serving path, as pyproject.toml's import-linter contracts state them."""
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], cwd=PACKAGE.parent, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "Contracts: 5 kept, 0 broken." in result.stdout


def _loaded_after(code: str, modules: tuple[str, ...]) -> list[str]:
    """Which of `modules` a fresh interpreter has loaded after running `code`."""
    script = f"import sys\n{code}\nprint(sorted(m for m in {modules!r} if m in sys.modules))\n"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True, timeout=120)
    return ast.literal_eval(result.stdout.strip().splitlines()[-1])


def test_help_imports_nothing_heavy():
    """The command line's parser is built from the strategies' declarations alone."""
    heavy = ("pandas", "numpy", "textual", "scipy", "sklearn", "pyarrow")
    assert _loaded_after("import tui_recsys.cli.main", heavy) == []


def test_headless_answer_imports_no_heavy_library(tiny: Path):
    answer = f"main(['recommend', 'content', '--movie', 'Avatar', '--data', {str(tiny)!r}])"
    code = f"from tui_recsys.cli.main import main\n{answer}\n{answer}"
    assert _loaded_after(code, ("tensorflow", "keras", "datasets", "textual")) == []


def test_a_warm_answer_reads_its_cache_entries_alone(tiny: Path, cache_dir: Path):
    """Every strategy answers from its own entry and the index, without the catalogue's
    tables (pandas) or the builders (scikit-learn, scipy): a warm command costs what numpy
    costs to import, not what pandas does."""
    engine = make_engine(tiny, cache_dir, trainer=seeded_factors)
    for strategy in engine.strategies:
        engine.prepare(strategy)
    engine.index()
    asks = [["chart", "--genre", "Drama"], ["story", "--movie", "Avatar"],
            ["cast", "--movie-id", "19995"], ["for-user", "--user", "42"],
            ["by-ratings", "--movie", "avatar"]]
    code = "from tui_recsys.cli.main import main\n" + "\n".join(
        f"assert main({['recommend', *ask, '--data', str(tiny)]!r}) == 0" for ask in asks)
    heavy = ("pandas", "scipy", "sklearn", "pyarrow", "tensorflow", "textual")
    assert _loaded_after(code, heavy) == []


def _arrow_allocator(environment: dict[str, str]) -> str:
    script = "import tui_recsys, pandas, pyarrow; print(pyarrow.default_memory_pool().backend_name)"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True, timeout=120, env=environment)
    return result.stdout.strip()


def test_arrow_hands_back_what_a_read_freed():
    """The system allocator, not Arrow's mimalloc (which kept a read's buffers: 20 MB at a
    cold build's peak); a person's own choice stands."""
    environment = {k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}
    assert _arrow_allocator(environment) == "system"
    assert _arrow_allocator({**environment, "ARROW_DEFAULT_MEMORY_POOL": "mimalloc"}) == "mimalloc"


def test_start_up_imports_no_heavy_library():
    """The app's own imports, before any model loads: scipy comes later, off the first paint."""
    heavy = ("scipy", "sklearn", "tensorflow", "keras", "datasets")
    assert _loaded_after("import tui_recsys.cli.main, tui_recsys.app.recsys_app", heavy) == []


def test_ruff_is_clean():
    root = PACKAGE.parent
    result = subprocess.run([sys.executable, "-m", "ruff", "check", str(root / "tui_recsys"),
                             str(root / "tests"), str(root / "benchmarks")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
