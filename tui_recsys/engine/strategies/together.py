"""Together: one list for a movie night, for several people at once (`models.together_model`),
derived from the For this user models, so nothing of its own is cached."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from tui_recsys.data.sources import MOVIELENS
from tui_recsys.engine.answer import Answer
from tui_recsys.engine.question import MIN_GROUP, Ask, History, Need, counted_once, history_of
from tui_recsys.engine.strategies.for_user import ForUser
from tui_recsys.engine.strategies.strategy import Derived
from tui_recsys.engine.training.config import ForUserConfig
from tui_recsys.errors import UsageError

if TYPE_CHECKING:
    from tui_recsys.engine.models.for_user_model import ForUserModel
    from tui_recsys.engine.models.together_model import TogetherModel


class Together(Derived["TogetherModel", ForUserConfig]):
    name: ClassVar[str] = "together"
    key: ClassVar[str] = "8"
    summary: ClassVar[str] = "one list for a movie night, that nobody in the group would dislike"
    requires: ClassVar[tuple[str, ...]] = (MOVIELENS,)
    requires_for: ClassVar[str] = "it predicts each person's stars from MovieLens ratings"
    needs: ClassVar[Need] = Need.GROUP
    derived_from: ClassVar[Mapping[str, str]] = {"for_user": ForUser.name}

    def __init__(self, config: ForUserConfig | None = None) -> None:
        super().__init__(config or ForUserConfig())  # the model it derives from is keyed by it

    def derive(self, *, for_user: ForUserModel | None) -> TogetherModel:
        from tui_recsys.engine.models.together_model import TogetherModel

        if for_user is None:
            raise UsageError(f"{self.name} needs the {ForUser.name} model, which this data "
                             f"cannot build")
        return TogetherModel(for_user)

    def answer(self, model: TogetherModel, ask: Ask) -> Answer:
        if len(ask.group) < MIN_GROUP:
            raise UsageError(f"{self.name} needs at least {MIN_GROUP} people: pass --user ID "
                             f"or --profile FILE for each, and --me for yourself")
        members, twins = counted_once(ask.group)
        same = [f"{twin} has the same ratings as {kept}" for twin, kept in twins]
        if len(members) < MIN_GROUP:
            raise UsageError(f"{self.name} needs at least {MIN_GROUP} different people, and "
                             f"{'; '.join(same)}: add someone else")
        picks, untold = model.picks(members, ask.k, ask.group_by, ask.allowed)
        empty = "" if picks else "everything the group would choose has been rated by one of them"
        once = [f"{line}, counted once" for line in same]
        return Answer(picks, note="; ".join(part for part in (*once, untold, empty) if part))

    def histories(self, model: TogetherModel, ask: Ask) -> tuple[History, ...]:
        return tuple(model.for_user.history(member.user_id) if member.user_id is not None
                     else history_of(member.ratings, hidden=member.hidden)
                     for member in ask.group)
