"""Similar by story: TF-IDF (English stop words) over the overviews, as the tutorial does."""

from __future__ import annotations

from typing import ClassVar

from tui_recsys.data.sources import TMDB
from tui_recsys.engine.settings import ContentConfig
from tui_recsys.engine.strategies.similar_content import SimilarContent


class SimilarStory(SimilarContent):
    name: ClassVar[str] = "overview"
    key: ClassVar[str] = "2"
    label: ClassVar[str] = "Similar by story"
    tab: ClassVar[str] = "Story"
    summary: ClassVar[str] = "cosine similarity of TF-IDF vectors of the overviews"
    requires: ClassVar[tuple[str, ...]] = (TMDB,)
    requires_for: ClassVar[str] = "it compares TMDB 5000's plot overviews"
    default: ClassVar[ContentConfig] = ContentConfig(text="overview", weighting="tfidf")
