"""Training under TensorFlow's distribution: two worker processes joined by TF_CONFIG, and
two logical CPU devices under MirroredStrategy, each against the same training alone."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tui_recsys.engine.training.config import DISTRIBUTE_VARIABLE, distribution_choice
from tui_recsys.errors import UsageError

RUN = Path(__file__).with_name("distributed_run.py")
QUIET = {"TF_CPP_MIN_LOG_LEVEL": "3"}


def _environment(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key not in ("TF_CONFIG", DISTRIBUTE_VARIABLE)}
    return {**env, **QUIET, **extra}


def _start(*options: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, str(RUN), *options], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=_environment(**env))


def _result(process: subprocess.Popen[str]) -> dict:
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err[-3000:]
    return json.loads(out.strip().splitlines()[-1])


def _free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    for each in sockets:
        each.bind(("localhost", 0))
    ports = [each.getsockname()[1] for each in sockets]
    for each in sockets:
        each.close()
    return ports


@pytest.fixture(scope="module")
def alone() -> dict:
    result = _result(_start())
    assert result["distribution"] == "one device"
    assert result["ndcg"] > 1.5 * result["most_popular_ndcg"]  # it learnt the tastes
    return result


@pytest.mark.slow
def test_two_workers_train_as_well_as_one_process(alone: dict) -> None:
    workers = [f"localhost:{port}" for port in _free_ports(2)]
    processes = [_start(TF_CONFIG=json.dumps({"cluster": {"worker": workers},
                                              "task": {"type": "worker", "index": index}}))
                 for index in range(2)]
    results = [_result(process) for process in processes]
    assert [r["distribution"] for r in results] == ["2 workers, 2 replicas"] * 2
    assert results[0]["checksum"] == results[1]["checksum"]  # one model, kept in step
    assert results[0]["ndcg"] == pytest.approx(alone["ndcg"], rel=0.05)


@pytest.mark.slow
def test_two_logical_cpus_under_mirrored_strategy(alone: dict) -> None:
    result = _result(_start("--logical-cpus", "2", **{DISTRIBUTE_VARIABLE: "mirrored"}))
    assert result["distribution"] == "2 local replicas"
    assert result["ndcg"] == pytest.approx(alone["ndcg"], rel=0.05)


@pytest.mark.parametrize(("environ", "message"), [
    ({DISTRIBUTE_VARIABLE: "gpus"}, "TUI_RECSYS_DISTRIBUTE='gpus' is not one of auto, default"),
    ({DISTRIBUTE_VARIABLE: "multi-worker"}, "needs TF_CONFIG naming the workers"),
    ({"TF_CONFIG": "{worker: 1}"}, "TF_CONFIG is not JSON"),
    ({"TF_CONFIG": "[]"}, "TF_CONFIG has no \"cluster\" object"),
])
def test_a_bad_setting_is_one_line_before_training(environ: dict, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        distribution_choice(environ)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_the_default_is_auto() -> None:
    assert distribution_choice({}) == "auto"
    assert distribution_choice({DISTRIBUTE_VARIABLE: " Mirrored "}) == "mirrored"


def test_progress_is_reported_within_an_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    """An epoch takes minutes at ml-32m's size: the bar moves within it, never backwards."""
    from tests.support import planted_tastes
    from tui_recsys.engine.build_context import BuildContext
    from tui_recsys.engine.training import loop as training_loop
    from tui_recsys.engine.training.config import RankingParams
    from tui_recsys.engine.training.networks import train_ranking

    monkeypatch.setattr(training_loop, "PROGRESS_SECONDS", 0.0)
    monkeypatch.setattr(training_loop, "STEPS_PER_CALL", 1)
    ratings = planted_tastes()["ratings"].rename(columns={"userId": "user_id",
                                                          "movieId": "movie_id"})
    said: list[tuple[str, float]] = []
    train_ranking(ratings, RankingParams(hidden=4, max_epochs=2, batch_size=8), BuildContext(
        progress=lambda message, fraction: said.append((message, fraction))))
    within = [message for message, _ in said if message.endswith("%)")]
    assert within and within[0].startswith("training ranking model, epoch 1/2 (")
    fractions = [fraction for _, fraction in said]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0


@pytest.mark.slow
def test_the_build_command_trains_across_two_workers(tmp_path: Path) -> None:
    """What docs/performance.md tells a user to run on each machine: `tui-recsys build for-user`
    with TF_CONFIG. Both workers train one model in step and each caches it."""
    import numpy as np

    from tests.support import planted_tastes, write_dataset

    data = write_dataset(tmp_path / "data", movielens=planted_tastes())
    workers = [f"localhost:{port}" for port in _free_ports(2)]
    processes = [subprocess.Popen(
        [sys.executable, "-m", "tui_recsys", "build", "for-user", "--data", str(data),
         "--cache-dir", str(tmp_path / f"cache{index}")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=_environment(TF_CONFIG=json.dumps({"cluster": {"worker": workers},
                                               "task": {"type": "worker", "index": index}})))
        for index in range(2)]
    for process in processes:
        _, err = process.communicate(timeout=600)
        assert process.returncode == 0 and "for-user: built" in err, err[-2000:]
    entries = [next((tmp_path / f"cache{index}").glob("for-user-*")) for index in range(2)]
    assert entries[0].name == entries[1].name
    for entry in entries:
        history = json.loads((entry / "ranking.json").read_text())
        assert history["distribution"] == "2 workers, 2 replicas"
    decoders = [np.load(entry / "decoder.npy") for entry in entries]
    assert np.array_equal(*decoders)


def test_the_workers_a_training_waits_for_are_named():
    from tui_recsys.engine.training.config import awaited_workers

    config = json.dumps({"cluster": {"chief": ["a:1"], "worker": ["b:2", "c:3"]},
                         "task": {"type": "worker", "index": 1}})
    assert awaited_workers({"TF_CONFIG": config}) == ["a:1", "b:2"]
    assert awaited_workers({}) == []


def test_the_training_child_writes_its_temporary_files_in_its_own_folder(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """TensorFlow's generated files (autograph's) go where TMPDIR says: the child's folder,
    which goes with it, killed or not."""

    from tests.support import movielens_frames
    from tui_recsys.engine.build_context import BuildContext
    from tui_recsys.engine.training import process as training_process
    from tui_recsys.engine.training.config import ForUserConfig

    seen: dict[str, str] = {}

    def popen(command: list[str], **options: object) -> subprocess.Popen[str]:
        seen.update(options["env"])  # type: ignore[arg-type]
        seen["folder"] = command[-1]
        raise OSError("stop here")

    monkeypatch.setattr(training_process.subprocess, "Popen", popen)
    ratings = movielens_frames()["ratings"].rename(columns={"userId": "user_id",
                                                            "movieId": "movie_id"})
    with pytest.raises(OSError, match="stop here"):
        training_process.train_in_child(ratings, ForUserConfig(), BuildContext())
    assert seen["TMPDIR"] == seen["folder"]
