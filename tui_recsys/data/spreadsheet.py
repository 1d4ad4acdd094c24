"""Cells of the CSVs we write, safe to open in a spreadsheet (OWASP's CSV injection advice): a
cell that begins with = + - @, a tab or a carriage return would run as a formula there
(`=HYPERLINK(...)` in a title), so it is written behind a single quote. A cell that begins with
a quote gets one more, so reading our own files back gives every value exactly as it was."""

from __future__ import annotations

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith((*TRIGGERS, "'")) else text


def plain_cell(text: str) -> str:
    """A cell as `safe_cell` was given it."""
    return text[1:] if text.startswith("'") and text[1:].startswith((*TRIGGERS, "'")) else text
