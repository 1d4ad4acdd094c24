"""Cells of the CSVs we write, safe to open in a spreadsheet (OWASP's CSV injection advice): a
cell that begins with = + - @, a tab or a carriage return would run as a formula there
(`=HYPERLINK(...)` in a title), so it is written behind a single quote. A cell that begins with
a quote gets one more, so reading our own files back gives every value exactly as it was.

And the CSVs a spreadsheet saves back: in much of Europe it separates cells with semicolons
(the comma is its decimal point, "4,5"), and Excel's plain "CSV" is written in Windows-1252,
not UTF-8. Such a file is read as it was meant."""

from __future__ import annotations

import csv

DELIMITERS = (",", ";", "\t")  # ours and the English locales', Europe's, "Text (Tab)"

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith((*TRIGGERS, "'")) else text


def plain_cell(text: str) -> str:
    """A cell as `safe_cell` was given it."""
    return text[1:] if text.startswith("'") and text[1:].startswith((*TRIGGERS, "'")) else text


def delimiter(text: str) -> str:
    """What a CSV's cells are separated by, told by its first row: the delimiter that splits
    it into the most cells, the comma where none splits it more."""
    header = text.partition("\n")[0]
    return max(DELIMITERS, key=lambda one: len(next(csv.reader([header], delimiter=one), [])))


def decimal(value: float, delimiter: str) -> str:
    """A number as the file it goes in writes one: "4,5" where cells are separated by
    semicolons (the comma is the decimal point there), else "4.5"."""
    text = f"{value:g}"
    return text.replace(".", ",") if delimiter == ";" else text


def number(text: str) -> float:
    """A number as a file holds it, "4,5" too (as `decimal` writes one for a semicolon's
    file, and a European spreadsheet saves one); NaN where the text is none."""
    try:
        return float(text.replace(",", ".", 1))
    except ValueError:
        return float("nan")
