"""What the two "more like this" strategies share: a content model over TMDB 5000, compared by
cosine similarity. Each declares only what it compares (a `ContentConfig`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from tui_recsys.engine.settings import ContentConfig
from tui_recsys.engine.strategies.base import Answer, Ask, Need, Strategy
from tui_recsys.errors import UsageError

if TYPE_CHECKING:
    from tui_recsys.data.catalog import Catalog
    from tui_recsys.data.sources import DataSource
    from tui_recsys.engine.base import BuildContext
    from tui_recsys.engine.content import ContentRecommender


class SimilarContent(Strategy["ContentRecommender"]):
    needs: ClassVar[Need] = Need.MOVIE
    format: ClassVar[int] = 3  # of its cache entry: raise it when what the entry holds changes
    default: ClassVar[ContentConfig]
    config: ContentConfig

    def __init__(self, config: ContentConfig | None = None) -> None:
        self.config = config or self.default

    def build(self, catalog: Catalog, source: DataSource,
              ctx: BuildContext) -> ContentRecommender:
        from tui_recsys.engine.content import ContentModel, ContentRecommender, movie_rows

        model = ContentModel.build(catalog.movies, self.config, ctx, self.name)
        return ContentRecommender(model, movie_rows(catalog, self.config))

    def save(self, model: ContentRecommender, folder: Path) -> None:
        model.save(folder)

    def load(self, folder: Path) -> ContentRecommender:
        from tui_recsys.engine.content import ContentRecommender

        return ContentRecommender.load(folder, self.config)

    def answer(self, model: ContentRecommender, ask: Ask) -> Answer:
        if ask.movie_id is None:
            raise UsageError(f"{self.name} needs a movie: pass --movie TITLE or --movie-id ID")
        items = model.similar_to(ask.movie_id, ask.k)
        words = "overview" if self.config.text == "overview" else "cast, crew or keyword"
        note = "" if items else (f"no other movie shares any {words} term with "
                                 f"{model.title(ask.movie_id)}")
        return Answer(items, note=note)
