"""What the command-line tests share: the models the command line would find cached."""

from pathlib import Path

import pytest

from tests.support import make_engine, seeded_factors


@pytest.fixture
def trained(tiny: Path, cache_dir: Path) -> Path:
    """The tiny data, with the models "For you", the quick start and movie night fold into
    cached as the command line would find them (stand-in trainers: no TensorFlow)."""
    engine = make_engine(tiny, cache_dir, trainer=seeded_factors)
    for name in ("for-user", "story", "cast", "chart"):
        engine.prepare(engine.strategy(name))
    return tiny
