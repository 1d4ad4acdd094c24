"""Original languages by name as well as by code: people write "french", "Japanese" or
"jpn" (ISO 639-2, as video files tag their audio), TMDB writes "fr" and "ja" (ISO 639-1, but
"cn" for Cantonese, as TMDB does)."""

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
# ISO 639-2 codes of the languages above, both where a language has two (fre and fra), and
# ISO 639-3's yue for Cantonese.
THREE_LETTER = {
    "afr": "af", "ara": "ar", "yue": "cn", "ces": "cs", "cze": "cs", "dan": "da", "deu": "de",
    "ger": "de", "ell": "el", "gre": "el", "eng": "en", "spa": "es", "fas": "fa", "per": "fa",
    "fin": "fi", "fra": "fr", "fre": "fr", "heb": "he", "hin": "hi", "hun": "hu", "ind": "id",
    "isl": "is", "ice": "is", "ita": "it", "jpn": "ja", "kor": "ko", "kir": "ky", "nor": "no",
    "nob": "nb", "nld": "nl", "dut": "nl", "pol": "pl", "pus": "ps", "por": "pt", "ron": "ro",
    "rum": "ro", "rus": "ru", "slv": "sl", "swe": "sv", "tam": "ta", "tel": "te", "tha": "th",
    "tur": "tr", "ukr": "uk", "vie": "vi", "zho": "zh", "chi": "zh",
}


def language_code(name: str) -> str | None:
    """The code of a language named in English, by its letters ("French", "FRENCH"), or by
    its three-letter code ("fra"); None for one not in the tables."""
    key = name_key(name)
    return CODES.get(key) or THREE_LETTER.get(key)


NO_LANGUAGE = "xx"  # TMDB's code of a film without speech (one in TMDB 5000)


def language_name(code: str) -> str:
    """A code's language in English, as people name it ("ja": Japanese); the code itself
    where the tables have none ("in xx" read as nothing)."""
    if code == NO_LANGUAGE:
        return "no spoken language"
    return next((name.capitalize() for name, known in CODES.items() if known == code), code)


def closest_language(name: str) -> str | None:
    """The table's name nearest a mistyped one ("frensh": french)."""
    close = difflib.get_close_matches(name_key(name), CODES, n=1, cutoff=0.75)
    return close[0] if close else None
