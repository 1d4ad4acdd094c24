"""The project as a user installs it: the built wheel, in a fresh virtual environment, no -e.

An editable install finds every module in the source tree, so it hid a package the wheel left
out (every command of `pipx install .` ended in ModuleNotFoundError). The fresh environment
borrows this one's dependencies through a path line (whose own .pth files, among them the
editable finder, are not run), so the project's code comes from the wheel alone.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.support import make_engine, similar
from tui_recsys import __version__

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built from a copy of the tree: setuptools builds in place and packs whatever an earlier
    build left in build/, which would hide a module the package list leaves out."""
    source = tmp_path_factory.mktemp("source") / "tui-recsys"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".*", "build", "dist", "*.egg-info", "__pycache__", "tests", "benchmarks"))
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out),
                    str(source)], check=True)
    return next(out.glob("tui_recsys-*.whl"))


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True)
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          check=True, capture_output=True, text=True).stdout.strip()
    (Path(site) / "borrowed-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return venv / "bin"


def test_the_wheel_holds_the_package_and_its_stylesheet_and_nothing_else(wheel: Path):
    names = zipfile.ZipFile(wheel).namelist()
    modules = {name for name in names if name.endswith(".py")}
    sources = {str(path.relative_to(ROOT)) for path in (ROOT / "tui_recsys").rglob("*.py")}
    assert sources <= modules  # every module of the source tree, every subpackage
    assert "tui_recsys/app/tui_recsys.tcss" in names
    assert not [name for name in names if name.startswith(("tests/", "benchmarks/"))]


def _run(command: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": ""}
    return subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True,
                          timeout=300)


def test_the_installed_commands_answer(installed: Path, tmp_path: Path):
    where = _run([installed / "python", "-c", "import tui_recsys; print(tui_recsys.__file__)"],
                 tmp_path)
    assert where.stdout.startswith(str(installed.parent))  # the wheel's code, not the tree's
    for command in ([installed / "tui-recsys", "--help"],
                    [installed / "python", "-m", "tui_recsys", "--help"]):
        done = _run(command, tmp_path)
        assert done.returncode == 0, done.stderr
        assert "usage: tui-recsys" in done.stdout
    version = _run([installed / "tui-recsys", "--version"], tmp_path)
    assert version.returncode == 0 and version.stdout.strip() == f"tui-recsys {__version__}"
    completion = _run([installed / "tui-recsys", "completion", "bash"], tmp_path)
    assert completion.returncode == 0 and "complete " in completion.stdout  # argcomplete's


def test_a_warm_recommend_from_the_wheel(installed: Path, tiny: Path, cache_dir: Path,
                                         tmp_path: Path):
    engine = make_engine(tiny, cache_dir)  # the tree's code builds what the command reads
    engine.index()
    assert similar(engine, 19995)
    before = sorted(cache_dir.rglob("*"))
    done = _run([installed / "tui-recsys", "recommend", "story", "--movie", "Avatar",
                 "--data", tiny, "--cache-dir", cache_dir, "--json"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert '"title": "Apollo 18"' in done.stdout
    assert sorted(cache_dir.rglob("*")) == before  # answered from the cache, nothing built
