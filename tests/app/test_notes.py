"""Notes in place of the last on their subject lean on Textual's private parts; a Textual
without them (installed without constraints.txt's pins) stacks them as `notify` does."""

from typing import Any

from tui_recsys.app.notes import MOVIE_NIGHT, Notes


class _PublicOnly:
    """An app with Textual's public `notify` alone."""

    def __init__(self) -> None:
        self.said: list[tuple[str, dict[str, Any]]] = []

    def notify(self, message: str, **options: Any) -> None:
        self.said.append((message, options))


def test_without_textuals_private_notes_each_note_is_shown_as_notify_shows_it():
    app = _PublicOnly()
    notes = Notes(app)  # type: ignore[arg-type]
    notes.say(MOVIE_NIGHT, "[bold]kim[/] joins movie night")
    notes.say(MOVIE_NIGHT, "sam joins movie night")
    assert app.said == [("[bold]kim[/] joins movie night", {"markup": False}),
                        ("sam joins movie night", {"markup": False})]
