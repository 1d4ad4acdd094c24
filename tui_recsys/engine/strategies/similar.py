"""What the two "more like this" strategies share: a content model over TMDB 5000, compared by
cosine similarity. Each declares only what it compares (a `ContentConfig`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal

from tui_recsys.data.catalog import LABELS, SOUP_COLUMNS
from tui_recsys.engine.answer import Answer
from tui_recsys.engine.question import Ask, Need
from tui_recsys.engine.strategies.strategy import Built
from tui_recsys.errors import UsageError

if TYPE_CHECKING:
    from tui_recsys.data.catalog import Catalog
    from tui_recsys.data.sources import DataSource
    from tui_recsys.engine.build_context import BuildContext
    from tui_recsys.engine.models.similar_model import SimilarModel


@dataclass(frozen=True)
class ContentConfig:
    """What is compared and how; every field keys the cached model."""

    text: Literal["overview", "soup"]  # the plot, or keywords, cast, director and genres
    weighting: Literal["tfidf", "count"]
    stop_words: str = "english"
    soup_items: int = 3  # the tutorial keeps three keywords, cast members and genres


class Similar(Built["SimilarModel", ContentConfig]):
    needs: ClassVar[Need] = Need.MOVIE
    format: ClassVar[int] = 3  # of its cache entry: raise it when what the entry holds changes
    default: ClassVar[ContentConfig]

    def __init__(self, config: ContentConfig | None = None) -> None:
        super().__init__(config or self.default)

    def reads(self) -> frozenset[str]:
        read = ("overview",) if self.config.text == "overview" else SOUP_COLUMNS
        return LABELS | {f"movies.{column}" for column in read}

    def build(self, catalog: Catalog, source: DataSource, ctx: BuildContext) -> SimilarModel:
        from tui_recsys.engine.building.similar_build import documents, movie_rows, vectorise
        from tui_recsys.engine.models.similar_model import SimilarModel

        config = self.config
        texts = documents(catalog.movies, config.text, config.soup_items)
        vectors = vectorise(texts, config.weighting, config.stop_words, ctx, self.name)
        features = config.soup_items if config.text == "soup" else None
        return SimilarModel(vectors, movie_rows(catalog, features), config.text)

    def save(self, model: SimilarModel, folder: Path) -> None:
        model.save(folder)

    def load(self, folder: Path) -> SimilarModel:
        from tui_recsys.engine.models.similar_model import SimilarModel

        return SimilarModel.load(folder, self.config.text)

    def answer(self, model: SimilarModel, ask: Ask) -> Answer:
        if ask.movie_id is None:
            raise UsageError(f"{self.name} needs a movie: pass --movie TITLE or --movie-id ID")
        items = model.similar_to(ask.movie_id, ask.k, ask.allowed)
        words = "overview" if self.config.text == "overview" else "cast, crew or keyword"
        note = "" if items else (f"no other movie shares any {words} term with "
                                 f"{model.title(ask.movie_id)}")
        return Answer(items, note=note)
