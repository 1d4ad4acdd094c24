"""Similar by story: TF-IDF (English stop words) over the overviews, as the tutorial does."""

from __future__ import annotations

from typing import ClassVar

from tui_recsys.data.sources import TMDB
from tui_recsys.engine.strategies.similar import ContentConfig, Similar


class Story(Similar):
    name: ClassVar[str] = "story"
    aliases: ClassVar[tuple[str, ...]] = ("overview",)  # its name until 0.2
    key: ClassVar[str] = "2"
    summary: ClassVar[str] = "movies whose plot overviews share the most words (TF-IDF)"
    requires: ClassVar[tuple[str, ...]] = (TMDB,)
    requires_for: ClassVar[str] = "it compares TMDB 5000's plot overviews"
    default: ClassVar[ContentConfig] = ContentConfig(text="overview", weighting="tfidf")
