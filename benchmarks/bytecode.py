"""Our modules' bytecode, written as pip writes it when a person installs the project.

An editable install under PYTHONDONTWRITEBYTECODE (these machines set it) compiles every
module of ours from source at each launch: 0.15 s of a `tui-recsys rate` and about 0.6 s of the
app's first paint on a busy day. The benchmarks measure what an installed copy does, and the
tests' commands need not pay it hundreds of times.
"""

from __future__ import annotations

import compileall
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def write_bytecode() -> None:
    for package in ("tui_recsys", "benchmarks"):
        compileall.compile_dir(ROOT / package, quiet=2)
