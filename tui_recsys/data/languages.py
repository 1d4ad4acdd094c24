"""Original languages by name as well as by code: people write "french" or "Japanese", TMDB
writes "fr" and "ja" (ISO 639-1, but "cn" for Cantonese, as TMDB does)."""

from __future__ import annotations

import difflib

from tui_recsys.data.titles import name_key

CODES = {
    "afrikaans": "af", "arabic": "ar", "cantonese": "cn", "czech": "cs", "danish": "da",
    "german": "de", "greek": "el", "english": "en", "spanish": "es", "persian": "fa",
    "farsi": "fa", "finnish": "fi", "french": "fr", "hebrew": "he", "hindi": "hi",
    "hungarian": "hu", "indonesian": "id", "icelandic": "is", "italian": "it",
    "japanese": "ja", "korean": "ko", "kyrgyz": "ky", "norwegian": "no", "bokmal": "nb",
    "dutch": "nl", "polish": "pl", "pashto": "ps", "portuguese": "pt", "romanian": "ro",
    "russian": "ru", "slovenian": "sl", "swedish": "sv", "tamil": "ta", "telugu": "te",
    "thai": "th", "turkish": "tr", "ukrainian": "uk", "vietnamese": "vi", "chinese": "zh",
    "mandarin": "zh",
}


def language_code(name: str) -> str | None:
    """The code of a language named in English, by its letters ("French", "FRENCH"); None
    for a name not in the table."""
    return CODES.get(name_key(name))


def closest_language(name: str) -> str | None:
    """The table's name nearest a mistyped one ("frensh": french)."""
    close = difflib.get_close_matches(name_key(name), CODES, n=1, cutoff=0.75)
    return close[0] if close else None
