"""Notes that stand in for the one before on their subject. Marking four people for a movie
night stacked four notes over the lists for five seconds, the last of which named all four;
rating film after film stacked one a film. Each such note says all there is to know now (who
is at the movie night; what the last change did), so a new one on the subject takes the place
of the last still shown, and notes on anything else (a warning, an error) stay.

Textual's `App.notify` gives no handle on the note it shows, and shows it once its message
comes round, after keys already queued ("g down g" over SSH): the note is made here as it makes
it and shown at once, and the one it replaces taken down as an expired one is. Called on the
app's thread (an action's), as everything that says a change is. Those are Textual's private
parts (pinned by constraints.txt); a Textual without them, installed without the pins, has the
notes stack as `notify` shows them rather than fail.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.notifications import Notification

DISCOVERY = "discovery"  # d, stepping through the settings
MOVIE_NIGHT = "movie night"
YOUR_CHANGES = "your changes"


class Notes:
    """The last note said on each subject, while it may still be shown."""

    PRIVATE = ("_notifications", "_unnotify", "_refresh_notifications")  # of Textual's App

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self._last: dict[str, Notification] = {}
        self._replaces = all(hasattr(app, name) for name in self.PRIVATE)

    def say(self, subject: str, message: str) -> None:
        """`message` (shown literally: it may name films and people from files) in place of
        the last note on `subject`, if it is still shown."""
        if not self._replaces:
            self.app.notify(message, markup=False)
            return
        last = self._last.get(subject)
        if last is not None and last in self.app._notifications:
            self.app._unnotify(last, refresh=False)
        note = Notification(message, "", "information", self.app.NOTIFICATION_TIMEOUT,
                            markup=False)
        self._last[subject] = note
        self.app._notifications.add(note)
        self.app._refresh_notifications()
