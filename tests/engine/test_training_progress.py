from tui_recsys.engine.build_context import BuildContext
from tui_recsys.engine.training.early_stopping import KeepBest
from tui_recsys.engine.training.progress import EpochProgress


def _progress(cap: int, stopping: KeepBest[str] | None,
              ) -> tuple[EpochProgress, list[tuple[str, float]]]:
    said: list[tuple[str, float]] = []
    context = BuildContext(progress=lambda message, fraction: said.append((message, fraction)))
    return EpochProgress("ranking", cap, stopping, context), said


def _higher_is_better(patience: int) -> KeepBest[str]:
    return KeepBest[str](patience, lower_is_better=False, min_delta=0.0)


def test_epochs_count_toward_the_expected_stop_not_the_cap():
    stopping = _higher_is_better(patience=2)  # stops by epoch 3 unless epoch 2 or 3 gains
    progress, said = _progress(cap=50, stopping=stopping)
    progress.within(0.5)
    stopping.observe(0.1, "one")
    progress.after_epoch(1, "validation nDCG@10 0.100")
    assert said == [("training ranking model, epoch 1 of about 3 (50%)", 0.5 / 3),
                    ("training ranking model, epoch 1 of about 3 (validation nDCG@10 0.100)",
                     1 / 3)]
    stopping.observe(0.09, "two")
    progress.within(2.5)
    assert stopping.observe(0.08, "three")  # no gain since the first: training stops here
    progress.after_epoch(3)
    assert said[-1] == ("training ranking model, epoch 3 of about 3", 1.0)


def test_a_gain_moves_the_stop_on_and_the_bar_waits_rather_than_going_back():
    stopping = _higher_is_better(patience=2)
    progress, said = _progress(cap=50, stopping=stopping)
    stopping.observe(0.1, "one")
    stopping.observe(0.09, "two")
    progress.within(2.0)  # two thirds
    stopping.observe(0.2, "three")  # a gain: now it stops by epoch 5
    progress.within(2.5)  # 2.5 / 5 is half: the bar holds at two thirds
    progress.within(4.0)
    fractions = [fraction for _, fraction in said]
    assert fractions == [2 / 3, 2 / 3, 0.8]
    assert said[-1][0] == "training ranking model, epoch 5 of about 5 (0%)"


def test_without_early_stopping_it_counts_to_the_cap():
    for stopping in (None, _higher_is_better(patience=9)):  # never past the cap
        progress, said = _progress(cap=4, stopping=stopping)
        progress.after_epoch(1)
        progress.after_epoch(2)
        assert said == [("training ranking model, epoch 1/4", 0.25),
                        ("training ranking model, epoch 2/4", 0.5)]
