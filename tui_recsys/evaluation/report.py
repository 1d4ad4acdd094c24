"""`evaluate`'s report as text: its tables in the order a reader needs them, each with the
line that says how to read it. The measuring is `measure`'s."""

from __future__ import annotations

from tui_recsys.data.scale import LIKED_RATING
from tui_recsys.engine.metrics import TOP_N, TopNScores
from tui_recsys.engine.models.quick_start import ROUND
from tui_recsys.evaluation.accuracy import RatingScores
from tui_recsys.evaluation.fold_in import FOLD_IN_SHARE
from tui_recsys.evaluation.holdout import SPLIT_SEED
from tui_recsys.evaluation.measure import HOLDOUT_FRACTION, EvaluationReport


def report_text(report: EvaluationReport) -> str:
    lines = [f"Rating accuracy on the tutorial's split ({report.split['train']} train, "
             f"{report.split['test']} test, shuffled with random_state={SPLIT_SEED}):",
             f"  {'':<18}{'RMSE':>8}{'MAE':>8}"]
    lines += [f"  {name:<18}{s.rmse:>8.4f}{s.mae:>8.4f}" for name, s in report.rating.items()]
    lines.append(f"  (model trained {report.training.epochs_run} epochs, best epoch "
                 f"{report.training.best_epoch} on its own validation slice)")
    lines.append(f"  {report.training.curve()}")
    lines += ["", f"Top-{TOP_N} on a per-user holdout ({HOLDOUT_FRACTION:.0%} of each user's "
                  f"ratings; relevant = rated {LIKED_RATING:g}+):",
              f"  {'':<18}{'prec':>7}{'recall':>8}{'nDCG':>7}{'hit':>7}{'overlap':>9}"
              f"{'coverage':>10}{'fit':>9}"]
    lines += [f"  {name:<18}{s.precision:>7.3f}{s.recall:>8.3f}{s.ndcg:>7.3f}{s.hit_rate:>7.3f}"
              f"{s.list_overlap:>9.3f}{s.coverage:>10.3f}{s.fit_s:>8.1f}s"
              for name, s in report.top_n.items()]
    lines.append("  overlap: mean share of two users' lists in common; coverage: share of "
                 "movies in anyone's list")
    lines += beyond_lines(report.top_n)
    lines += discovery_lines(report.discovery)
    if report.fold_in:
        users = next(iter(report.fold_in.values())).users
        groups = report.newcomer_groups
        if groups == 1:
            lines += ["", f"Fold-in: {FOLD_IN_SHARE:.0%} of users left out of a third training, "
                          f"their training ratings folded in (no retraining),",
                      f"scored on the {users} of them with a liked held-out movie:"]
        else:
            lines += ["", f"Fold-in: every user left out once ({groups} groups, each left out of "
                          f"a training of its own), their training",
                      f"ratings folded in (no retraining), scored on the {users} of them with a "
                      f"liked held-out movie;",
                      "here and below, each figure is the groups' mean, weighed by the users "
                      "it read:"]
        lines.append(f"  {'':<18}{'prec':>7}{'recall':>8}{'nDCG':>7}{'hit':>7}")
        lines += [f"  {name:<18}{s.precision:>7.3f}{s.recall:>8.3f}{s.ndcg:>7.3f}"
                  f"{s.hit_rate:>7.3f}" for name, s in report.fold_in.items()]
        lines += beyond_lines(report.fold_in)
    lines += cold_start_lines(report)
    lines += quick_start_lines(report)
    return "\n".join(lines)


def discovery_lines(settings: dict[float, TopNScores]) -> list[str]:
    """For this user at each discovery setting, each figure also as a change from 0."""
    if not settings or 0.0 not in settings:
        return []
    base = settings[0.0]
    assert base.beyond is not None

    def change(now: float, then: float) -> str:
        return f"{(now - then) / then:+.0%}" if then else "-"

    lines = ["", "  the discovery setting, for-user re-ranked (change from 0 in brackets):",
             f"  {'setting':<18}{'nDCG':>14}{'diversity':>16}{'novelty':>16}"]
    for level, s in settings.items():
        b = s.beyond
        assert b is not None
        lines.append(f"  {level:<18g}{s.ndcg:>7.3f} ({change(s.ndcg, base.ndcg):>4})"
                     f"{b.diversity:>9.3f} ({change(b.diversity, base.beyond.diversity):>4})"
                     f"{b.novelty:>8.2f}b ({change(b.novelty, base.beyond.novelty):>4})")
    return lines


def cold_start_lines(report: EvaluationReport) -> list[str]:
    """nDCG@10 by how many ratings were folded in, one column a count."""
    if not report.cold_start:
        return []
    counts = list(report.cold_start)
    names = list(next(iter(report.cold_start.values())))
    order = "most recent" if report.cold_start_by == "date" else "in a seeded random order"
    lines = ["", f"Cold start: the same users, only their {order} N ratings folded in "
                 f"(users with N or more), nDCG@10:",
             f"  {'N':<18}" + "".join(f"{count:>7}" for count in counts),
             f"  {'users':<18}" + "".join(
                 f"{next(iter(report.cold_start[c].values())).users:>7}" for c in counts)]
    for name in names:
        lines.append(f"  {name:<18}" + "".join(
            f"{report.cold_start[c][name].ndcg:>7.3f}" for c in counts))
    popular = [report.cold_start[c]["most popular"].ndcg for c in counts]
    ours = [report.cold_start[c]["For you (blend)"].ndcg for c in counts]
    lines.append(f"  {'For you / popular':<18}" + "".join(
        f"{o / p if p else 0:>6.2f}x" for o, p in zip(ours, popular, strict=True)))
    return lines + cold_start_stars_lines(report.cold_start_stars)


def cold_start_stars_lines(by_count: dict[int, dict[str, RatingScores]]) -> list[str]:
    """The stars shown beside those lists: RMSE by how many ratings were folded in."""
    if not by_count:
        return []
    counts = list(by_count)
    return ["  their stars (RMSE, every held-out rating of a movie the model knows):",
            *(f"  {name:<18}" + "".join(f"{by_count[c][name].rmse:>7.3f}" for c in counts)
              for name in by_count[counts[0]])]


def quick_start_lines(report: EvaluationReport) -> list[str]:
    """nDCG@10 after each round of the quick start, one column a round."""
    if not report.quick_start:
        return []
    rounds = list(report.quick_start)
    names = list(report.quick_start[rounds[0]])
    users = report.quick_start[rounds[0]][names[0]].users
    lines = ["", f"Quick start: the same {users} users answer rounds of {ROUND} from their own "
                 f"ratings (what they did not rate is skipped), nDCG@10:",
             f"  {'rounds':<24}" + "".join(f"{done:>7}" for done in rounds)]
    lines += [f"  {name:<24}" + "".join(f"{report.quick_start[done][name].ndcg:>7.3f}"
                                        for done in rounds) for name in names]
    popular = [report.quick_start[done]["most popular"].ndcg for done in rounds]
    ours = [report.quick_start[done]["For you, quick start"].ndcg for done in rounds]
    lines.append(f"  {'quick start / popular':<24}" + "".join(
        f"{o / p if p else 0:>6.2f}x" for o, p in zip(ours, popular, strict=True)))
    lines.append("  For you, popular: rating the 8, 16, 24 most popular instead")
    return lines


def beyond_lines(table: dict[str, TopNScores]) -> list[str]:
    """The beyond-accuracy figures of the scorers that have them, as a table."""
    rows = [(name, s.beyond) for name, s in table.items() if s.beyond is not None]
    if not rows:
        return []
    return ["", "  beyond accuracy (genres are MovieLens'):",
            f"  {'':<18}{'nDCG':>7}{'diversity':>11}{'novelty':>9}{'miscal.':>9}",
            *(f"  {name:<18}{table[name].ndcg:>7.3f}{b.diversity:>11.3f}{b.novelty:>8.2f}b"
              f"{b.miscalibration:>9.3f}" for name, b in rows),
            "  diversity: 1 - mean genre similarity of a list's pairs; novelty: mean bits of",
            "  -log2(share of users who chose a pick); miscal.: KL(user's genre mix || list's)"]
