"""Similar by cast & crew: count vectors over the tutorial's "soup" of keywords, top cast,
director and genres."""

from __future__ import annotations

from typing import ClassVar

from tui_recsys.data.sources import TMDB
from tui_recsys.engine.strategies.similar import ContentConfig, Similar


class Cast(Similar):
    name: ClassVar[str] = "cast"
    aliases: ClassVar[tuple[str, ...]] = ("metadata",)  # its name until 0.2
    key: ClassVar[str] = "3"
    summary: ClassVar[str] = "movies sharing cast, director, keywords and genres"
    requires: ClassVar[tuple[str, ...]] = (TMDB,)
    requires_for: ClassVar[str] = "it compares TMDB 5000's keywords, cast, director and genres"
    default: ClassVar[ContentConfig] = ContentConfig(text="soup", weighting="count")
    format: ClassVar[int] = 4  # 4: the names a reason gives, the people first
