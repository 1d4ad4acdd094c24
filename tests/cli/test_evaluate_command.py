"""`tui-recsys evaluate`, the command, with stand-in trainers (no TensorFlow)."""

import json
from pathlib import Path

import pytest

from tests.support import planted_tastes, seeded_factors, write_dataset
from tui_recsys.cli.main import main
from tui_recsys.engine.strategies import for_user


@pytest.mark.parametrize(("flags", "newcomers"), [([], 8), (["--every-user"], 40)])
def test_every_user_reads_the_newcomers_tables_over_every_user(
        tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch, flags: list[str],
        newcomers: int):
    monkeypatch.setattr(for_user, "train_in_a_child_process", seeded_factors)
    monkeypatch.setattr(for_user, "stars_in_a_child_process",
                        lambda *args: seeded_factors(*args).factors)
    data = write_dataset(tmp_path / "data", movielens=planted_tastes())
    assert main(["evaluate", "--data", str(data), "--json", *flags]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["newcomer_groups"] == (5 if flags else 1)
    assert report["fold_in"]["For you (blend)"]["users"] == newcomers
    assert report["quick_start"]["2"]["most popular"]["users"] == newcomers
    assert main(["evaluate", "--data", str(data), *flags]) == 0
    captured = capsys.readouterr()
    assert f"scored on the {newcomers} of them" in captured.out
    assert ("(5 of 5)" in captured.err) == bool(flags)  # the progress says which training
