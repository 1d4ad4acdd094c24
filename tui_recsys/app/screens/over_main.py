"""What a screen over the main one (a prompt, the quick start, help, the data error screen)
shows in the footer and acts on: only its own keys. The app binds the main screen's keys
(search, rate, rebuild, leave the box) to `screen.` actions, which Textual asks the screen on
top about; a prompt that did not say no listed them under itself ("/ Search  m Movies  esc
Leave the box" under the stars prompt), though only its own keys act there."""

from __future__ import annotations


class OverMain:
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not hasattr(self, f"action_{action}"):
            return False  # the main screen's: hidden, and the key goes on to this screen
        return super().check_action(action, parameters)  # type: ignore[misc]
