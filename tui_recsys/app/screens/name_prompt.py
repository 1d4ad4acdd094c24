"""The name of a friend whose file says nothing of whose it is (everyone's ratings.csv, in
Downloads): asked before it is kept, so that the Users list and movie night show "sam", not
"ratings", and a second friend's ratings.csv is not a second "ratings"."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.widgets import Input

from tui_recsys.app.screens.box_prompt import BoxPrompt
from tui_recsys.app.widgets.text_box import TextBox
from tui_recsys.data.guest_profiles import FRIEND_NAME_LIMIT, friends_name
from tui_recsys.errors import UsageError
from tui_recsys.text import clean


class NamePrompt(BoxPrompt[str | None]):
    """Their name, as `friends_name` takes it; None where escape cancels."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            Text(clean(f"Whose ratings are in {path}? Their name, as the Users list and movie "
                       f"night will show it")),
            TextBox(placeholder="sam", max_length=FRIEND_NAME_LIMIT, compact=True),
            "enter keeps their file under that name, escape cancels")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            self.dismiss(friends_name(event.value))
        except UsageError as error:
            self.refuse(str(error))
