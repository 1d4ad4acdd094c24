"""What the tests share: tiny datasets written in the real file layouts, engines over them,
stand-in trainers, and helpers to drive the app as a person would.

TMDB rows mirror Kaggle's columns (JSON strings included); MovieLens mirrors ml-latest-small.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import threading
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import numpy as np
import pandas as pd
from rich.console import Console
from textual import events
from textual.keys import _character_to_key
from textual.worker import WorkerCancelled, WorkerFailed

from tui_recsys import paths
from tui_recsys.app.friends import Friends
from tui_recsys.app.recsys_app import RecsysApp
from tui_recsys.app.screens.quick_start import QuickStartScreen
from tui_recsys.engine.answer import Answer, Recommendation, TrainingHistory
from tui_recsys.engine.build_context import BuildContext
from tui_recsys.engine.cache.store import Store
from tui_recsys.engine.catalog.index import MovieIndex
from tui_recsys.engine.engine import Engine
from tui_recsys.engine.models.for_user_model import Factors, TrainedModels
from tui_recsys.engine.models.ranking_model import RankingModel
from tui_recsys.engine.question import Ask, History, MovieFilter, Need, history_of
from tui_recsys.engine.strategies import default_strategies
from tui_recsys.engine.strategies.for_user import Trainer
from tui_recsys.engine.strategies.strategy import Strategy
from tui_recsys.engine.training.config import ForUserConfig, ItemParams, RatingParams
from tui_recsys.engine.training.item_fit import fit_item_weights
from tui_recsys.errors import Cancelled

# Tiny datasets.

def _names(*names: str) -> str:
    return json.dumps([{"id": i, "name": n} for i, n in enumerate(names)])


def _cast(*names: str) -> str:
    return json.dumps([{"cast_id": i, "character": "x", "credit_id": f"c{i}", "gender": 0,
                        "id": 100 + i, "name": n, "order": i} for i, n in enumerate(names)])


def _crew(director: str | None) -> str:
    crew = [{"credit_id": "w", "department": "Writing", "gender": 0, "id": 9, "job": "Writer",
             "name": "Some Writer"}]
    if director:
        crew.append({"credit_id": "d", "department": "Directing", "gender": 0, "id": 8,
                     "job": "Director", "name": director})
    return json.dumps(crew)


# id, title, year, overview, genres, keywords, cast, director, vote_average, vote_count
MOVIES = [
    (19995, "Avatar", "2009-12-10",
     "A paraplegic marine dispatched to the moon Pandora on a unique mission.",
     ("Action", "Adventure", "Fantasy", "Science Fiction"),
     ("culture clash", "future", "space war"),
     ("Sam Worthington", "Zoe Saldana", "Sigourney Weaver"), "James Cameron", 7.2, 11800),
    (50357, "Apollo 18", "2011-09-01",
     "A secret mission to the moon, and the footage the astronauts captured.",
     ("Horror", "Thriller", "Science Fiction"), ("moon", "found footage"),
     ("Warren Christie", "Lloyd Owen", "Ryan Robbins"), "Gonzalo Lopez-Gallego", 5.1, 370),
    (18823, "Clash of the Titans", "2010-04-01",
     "Born of a god but raised as a man, Perseus fights Hades.",
     ("Adventure", "Fantasy", "Action"), ("greek mythology", "future", "hades"),
     ("Sam Worthington", "Liam Neeson", "Ralph Fiennes"), "Louis Leterrier", 5.6, 2454),
    (9087, "The American President", "1995-11-17",
     "A widowed president falls for a lobbyist in Washington.",
     ("Comedy", "Drama", "Romance"), ("president", "washington"),
     ("Michael Douglas", "Annette Bening", "Martin Sheen"), "Rob Reiner", 6.5, 185),
    (603, "The Matrix", "1999-03-30",
     "Set in the 22nd century, a hacker joins insurgents fighting computers on a mission.",
     ("Action", "Science Fiction"), ("hacker", "future"),
     ("Keanu Reeves", "Laurence Fishburne", "Carrie-Anne Moss"), "Lana Wachowski", 7.9, 8907),
    (1255, "The Host", "2006-07-27",
     "A monster emerges from the river in Seoul.",
     ("Horror", "Drama", "Science Fiction"), ("monster", "river"),
     ("Song Kang-ho", "Byun Hee-bong", "Park Hae-il"), "Bong Joon-ho", 6.7, 537),
    (72710, "The Host", "2013-03-22",
     "Souls invade Earth and one woman resists.",
     ("Action", "Adventure", "Romance", "Science Fiction"), ("alien", "future"),
     ("Saoirse Ronan", "Max Irons", "Jake Abel"), "Andrew Niccol", 6.0, 1817),
    (13, "Forrest Gump", "1994-07-06",
     "A man with a low IQ has accomplished great things in his life.",
     ("Comedy", "Drama", "Romance"), ("vietnam veteran", "hippie"),
     ("Tom Hanks", "Robin Wright", "Gary Sinise"), None, 8.2, 7927),
    (278, "The Shawshank Redemption", "1994-09-23",
     "Framed in the 1940s for murder, a banker begins a new life in prison.",
     ("Drama", "Crime"), ("prison", "friendship"),
     ("Tim Robbins", "Morgan Freeman", "Bob Gunton"), "Frank Darabont", 8.5, 8205),
    (5, "Four Rooms", "1995-12-09", None,
     ("Crime", "Comedy"), ("hotel", "new year's eve", "witch"),
     ("Tim Roth", "Antonio Banderas", "Jennifer Beals"), "Allison Anders", 6.5, 530),
]

# Four more, the most voted, so that a chart holds several movies and a tie: with them the 0.9
# quantile of votes is 12,000 and these four are charted, Tied Alpha and Tied Beta with the
# same weighted rating (in row order, by id, as the tutorial's stable sort keeps them).
CHARTED = [*MOVIES, *(
    (tmdb_id, title, date, f"{title}, a film to chart.", genres, ("chart",),
     ("Chart Actor", "Chart Actress", "Chart Extra"), "Chart Director", average, 12000)
    for tmdb_id, title, date, genres, average in (
        (70001, "Tied Alpha", "1997-05-01", ("Drama",), 7.5),
        (70002, "Tied Beta", "1998-05-01", ("Drama", "Comedy"), 7.5),
        (70003, "Charted Best", "2001-01-01", ("Drama",), 8.0),
        (70004, "Charted Last", "1992-01-01", ("Action",), 6.0)))]

ML_MOVIES = [
    (1, "Avatar (2009)", "Action|Adventure|Sci-Fi|IMAX"),
    (2, "American President, The (1995)", "Comedy|Drama|Romance"),
    (3, "Matrix, The (1999)", "Action|Sci-Fi|Thriller"),
    (4, "Forrest Gump (1994)", "Comedy|Drama|Romance|War"),
    (5, "Shawshank Redemption, The (1994)", "Crime|Drama"),
    (6, "Amélie (Fabuleux destin d'Amélie Poulain, Le) (2001)", "Comedy|Romance"),
    (7, "Unlinked Film (1980)", "(no genres listed)"),
]
LINKS = [(1, 499549, 19995), (2, 112346, 9087), (3, 133093, 603), (4, 109830, 13),
         (5, 111161, 278), (6, 211915, 194), (7, 1, None)]
RATINGS = [
    (1, 1, 4.0), (1, 3, 5.0), (1, 4, 3.5), (2, 2, 4.5), (2, 4, 5.0), (2, 5, 4.0),
    (42, 1, 2.0), (42, 5, 5.0), (42, 6, 4.5), (42, 7, 1.0),
]


def tmdb_frames(rows: list[tuple] = MOVIES) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Kaggle's pair: movies (20 columns) and credits (movie_id, title, cast, crew)."""
    movies, credits = [], []
    for (tmdb_id, title, date, overview, genres, keywords, cast, director, average,
         votes) in rows:
        movies.append({
            "budget": 1, "genres": _names(*genres), "homepage": None, "id": tmdb_id,
            "keywords": _names(*keywords), "original_language": "en",
            "original_title": title, "overview": overview, "popularity": votes / 100,
            "production_companies": "[]", "production_countries": "[]",
            "release_date": date, "revenue": 1, "runtime": 100.0, "spoken_languages": "[]",
            "status": "Released", "tagline": None, "title": title, "vote_average": average,
            "vote_count": votes,
        })
        credits.append({"movie_id": tmdb_id, "title": title, "cast": _cast(*cast),
                        "crew": _crew(director)})
    return pd.DataFrame(movies), pd.DataFrame(credits)


def hub_tmdb_frame(rows: list[tuple] = MOVIES) -> pd.DataFrame:
    """The Hub layout: movies joined with credits, sorted by id."""
    movies, credits = tmdb_frames(rows)
    merged = movies.merge(credits[["movie_id", "cast", "crew"]], left_on="id",
                          right_on="movie_id").drop(columns="movie_id")
    return merged.sort_values("id").reset_index(drop=True)


def movielens_frames() -> dict[str, pd.DataFrame]:
    return {
        "movies": pd.DataFrame(ML_MOVIES, columns=["movieId", "title", "genres"]),
        "links": pd.DataFrame(LINKS, columns=["movieId", "imdbId", "tmdbId"]).astype(
            {"tmdbId": "Int64"}),
        "ratings": pd.DataFrame([(u, m, r, 964982703 + i) for i, (u, m, r) in
                                 enumerate(RATINGS)],
                                columns=["userId", "movieId", "rating", "timestamp"]),
    }


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    if path.suffix == ".gz":
        with gzip.open(path, "wt", newline="") as handle:
            frame.to_csv(handle, index=False)
    else:
        frame.to_csv(path, index=False)
    return path


def write_dataset(root: Path, *, tmdb: str | None = "parquet", nested: bool = True,
                  links: bool = True, movielens: dict[str, pd.DataFrame] | None = None,
                  tmdb_frame: pd.DataFrame | None = None, with_movielens: bool = True) -> Path:
    """A data folder. tmdb: 'parquet', 'csv', 'csv.gz' or None (no TMDB 5000). nested: tmdb/
    and ml-latest-small/ sub-folders (the layout of ../shared/data) or every file at the top.
    with_movielens=False: TMDB 5000 alone."""
    tmdb_dir = root / "tmdb" if nested else root
    ml_dir = root / "ml-latest-small" if nested else root
    root.mkdir(parents=True, exist_ok=True)
    if tmdb is not None:
        tmdb_dir.mkdir(parents=True, exist_ok=True)
    if tmdb == "parquet":
        frame = tmdb_frame if tmdb_frame is not None else hub_tmdb_frame()
        frame.to_parquet(tmdb_dir / "tmdb_5000_movies.parquet", index=False)
    elif tmdb is not None:
        movies, credits = tmdb_frames()
        suffix = ".csv.gz" if tmdb == "csv.gz" else ".csv"
        write_csv(movies, tmdb_dir / f"tmdb_5000_movies{suffix}")
        write_csv(credits, tmdb_dir / f"tmdb_5000_credits{suffix}")
    if not with_movielens:
        return root
    ml_dir.mkdir(parents=True, exist_ok=True)
    frames = movielens if movielens is not None else movielens_frames()
    write_csv(frames["movies"], ml_dir / "movies.csv")
    write_csv(frames["ratings"], ml_dir / "ratings.csv")
    if links:
        write_csv(frames["links"], ml_dir / "links.csv")
    return root


def named_in_titles_dataset(root: Path) -> Path:
    """The tiny dataset with MovieLens films whose titles hold people's names: one nobody
    rated that holds Sam Worthington's (as a documentary holds Kubrick's), one named Saldana,
    and one as well rated as Avatar that holds Cameron."""
    frames = movielens_frames()
    frames["movies"] = pd.concat([frames["movies"], pd.DataFrame(
        [(8, "Worthington: A Life in Pictures (2001)", "Documentary"),
         (9, "Saldana (1999)", "Drama"), (10, "The Cameron Files (2005)", "Drama")],
        columns=["movieId", "title", "genres"])])
    frames["ratings"] = pd.concat([frames["ratings"], pd.DataFrame(
        [(1, 10, 4.0, 964982703), (2, 10, 4.0, 964982703)],
        columns=["userId", "movieId", "rating", "timestamp"])])
    return write_dataset(root, movielens=frames)


def planted_tastes(users_per_group: int = 20, movies_per_group: int = 15,
                   seed: int = 7) -> dict[str, pd.DataFrame]:
    """Two taste groups: group A users love A movies and dislike B movies, and the reverse.
    Each user rates two thirds of their group's movies and a fifth of the other's, as people
    mostly watch what they like. Every movie's average is about the same, so only a per-row
    user-movie interaction can tell the groups apart."""
    rng = np.random.default_rng(seed)
    a_movies = list(range(101, 101 + movies_per_group))
    b_movies = list(range(201, 201 + movies_per_group))
    rows = []
    for user in range(1, 2 * users_per_group + 1):
        mine, theirs = (a_movies, b_movies) if user <= users_per_group else (b_movies, a_movies)
        for movie in rng.choice(mine, movies_per_group * 2 // 3, replace=False):
            rows.append((user, int(movie), float(rng.choice([4.5, 5.0]))))
        for movie in rng.choice(theirs, movies_per_group // 5, replace=False):
            rows.append((user, int(movie), float(rng.choice([1.0, 1.5]))))
    titles = [(m, f"{'A' if m < 200 else 'B'} film {m} (2000)", "Drama")
              for m in a_movies + b_movies]
    return {
        "movies": pd.DataFrame(titles, columns=["movieId", "title", "genres"]),
        "links": pd.DataFrame([(m, m, pd.NA) for m in a_movies + b_movies],
                              columns=["movieId", "imdbId", "tmdbId"]).astype(
                                  {"tmdbId": "Int64"}),
        "ratings": pd.DataFrame([(u, m, r, 964982703) for u, m, r in rows],
                                columns=["userId", "movieId", "rating", "timestamp"]),
    }


# Engines, and the questions the tests ask them.


def make_engine(data: Path | None, cache: Path, *, trainer: Trainer | None = None,
                rating: RatingParams | None = None) -> Engine:
    return Engine(Store(cache), data,
                  strategies=default_strategies(trainer=trainer, rating=rating))


def similar(engine: Engine, tmdb_id: int, name: str = "story",
            k: int = 5) -> list[Recommendation]:
    return engine.recommend(engine.strategy(name), Ask(k=k, movie_id=tmdb_id)).items


def chart(engine: Engine, k: int = 10,
          chart_filter: MovieFilter | None = None) -> list[Recommendation]:
    return engine.recommend(engine.strategy("chart"),
                            Ask(k=k, chart_filter=chart_filter or MovieFilter())).items


def picks(engine: Engine, user_id: int, k: int = 10) -> Answer:
    return engine.recommend(engine.strategy("for-user"), Ask(k=k, user_id=user_id))


# Stand-in trainers and the app.


def seeded_factors(ratings: pd.DataFrame, params: ForUserConfig,
                   ctx: BuildContext) -> TrainedModels:
    """Deterministic models, so that screens can be compared byte for byte."""
    ctx.progress("training collaborative model, epoch 1/1", 1.0)
    users = np.unique(ratings["user_id"].to_numpy())
    movies = np.unique(ratings["movie_id"].to_numpy())
    rng = np.random.default_rng(0)
    factors = Factors(users, movies, rng.normal(size=(len(users), 4)).astype(np.float32),
                      rng.normal(size=(len(movies), 4)).astype(np.float32),
                      np.zeros(len(users), np.float32),
                      np.linspace(-0.5, 0.5, len(movies)).astype(np.float32), 3.5,
                      TrainingHistory(epochs_run=1, best_epoch=1, validation_rmse=(1.0,)))
    ranking = RankingModel(movies, rng.normal(size=(len(movies), 3)).astype(np.float32),
                           np.zeros(3, np.float32),
                           rng.normal(size=(3, len(movies))).astype(np.float32),
                           np.linspace(0.5, -0.5, len(movies)).astype(np.float32), 2.0,
                           TrainingHistory(epochs_run=1, training_loss=(1.0,)))
    return TrainedModels(factors, ranking, fit_item_weights(ratings, movies, 2.0, ItemParams()))


class BlockingTrainer:
    """Trains until cancelled, reporting progress, like a long real training."""

    def __init__(self) -> None:
        self.started = threading.Event()

    def __call__(self, ratings: pd.DataFrame, params: ForUserConfig,
                 ctx: BuildContext) -> Factors:
        epoch = 0
        while not ctx.cancel.wait(0.05):
            epoch += 1
            ctx.progress(f"training collaborative model, epoch {epoch}/1000", epoch / 1000)
            self.started.set()
        raise Cancelled("training cancelled")


class GatedTrainer:
    """Reports one epoch, then trains only once released: a first training caught midway."""

    def __init__(self) -> None:
        self.started, self.release = threading.Event(), threading.Event()

    def __call__(self, ratings: pd.DataFrame, params: ForUserConfig,
                 ctx: BuildContext) -> TrainedModels:
        ctx.progress("training collaborative model, epoch 1/2", 0.5)
        self.started.set()
        self.release.wait(30)
        return seeded_factors(ratings, params, ctx)


def make_app(data: Path | None, cache: Path, trainer: Trainer = seeded_factors,
             friends: Sequence[Path] = ()) -> RecsysApp:
    engine = make_engine(data, cache, trainer=trainer)
    app = RecsysApp(engine, friends=Friends(friends, engine, paths.friends_folder()))
    # Tests read what was said from the app's notices, which Textual drops once they time out
    # (5 s): on a loaded CI machine "Nothing to go back to." was gone before it was read.
    app.NOTIFICATION_TIMEOUT = 3600
    return app


async def settle(pilot) -> None:
    """Wait until every worker is done and the screen has caught up."""
    for _ in range(3):
        # The app shows failures (tests read them); a worker a newer one replaced is cancelled.
        with contextlib.suppress(WorkerFailed, WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def open_quick_start(pilot) -> QuickStartScreen:
    """`k`, and the quick start's round on screen."""
    await pilot.press("k")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, QuickStartScreen)
    return screen


def answers_shown(screen: QuickStartScreen) -> dict[int, str]:
    """Each answered row of a quick start round, its answer as it shows beside its movie."""
    return {row: shown for row, (_, shown) in screen.answers.items()}


async def wait_for(pilot, event: threading.Event) -> None:
    """Wait for a build's event without blocking: the build reports through this event loop."""
    for _ in range(400):
        if event.is_set():
            return
        await pilot.pause(0.05)
    raise AssertionError("the build never reported progress")


async def press_while_training(pilot, trainer: GatedTrainer, key: str) -> None:
    """`key` once the app is up, then wait until the training it starts is caught midway."""
    await settle(pilot)
    await pilot.press(key)
    await wait_for(pilot, trainer.started)
    await pilot.pause(0.1)


CONTROL_KEYS = {"\r": "enter", "\x1b": "escape", "\x7f": "backspace"}


def burst(app: RecsysApp, typed: str) -> None:
    """Queue every key at once, as a terminal over SSH or a paste delivers them, each named as
    the terminal driver names it (`-` is "minus", `/` is "slash")."""
    for character in typed:
        name = CONTROL_KEYS.get(character) or _character_to_key(character)
        app.post_message(events.Key(name, character))


async def find(pilot, title: str) -> None:
    """Search the list on screen for `title` and leave the box: its first match is the
    current movie."""
    burst(pilot.app, f"/{title}\x1b")
    await settle(pilot)


async def on_movie(pilot, title: str, *keys: str) -> None:
    """`title` found (the current movie), then `keys` pressed on it, and what they do done."""
    await find(pilot, title)
    await pilot.press(*keys)
    await settle(pilot)


def notes_said(app: RecsysApp) -> list[str]:
    """The notifications on screen, the oldest first."""
    return [notification.message for notification in app._notifications]


def list_titles(app: RecsysApp, kind: str) -> list[str]:
    """The titles in one of your lists (RATED, a mark's kind) in the sidebar, as shown."""
    pane = app.main.pane(kind)
    return [pane.table.entry(int(key)).title for key in pane.list.keys]


def screen_text(app: RecsysApp) -> str:
    """The screen as plain text, every character as it would reach the terminal (the same
    render as `App.export_screenshot`, exported as text instead of SVG)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens))
    return console.export_text()


def unwrapped(text: str) -> str:
    """Text without its spaces and line ends: a long path on the screen wraps wherever the
    temporary folder's length puts it, and compares whole this way."""
    return "".join(text.split())


def friend_file(path: Path, *movies: int) -> Path:
    """A friend's ratings as `profile export` writes them: 4.5 stars for each MovieLens id."""
    path.write_text("movielens_id,tmdb_id,title,year,rating,rated_at\n" + "".join(
        f"{movie},,Movie {movie},2000,4.5,2026-01-01T00:00:00Z\n" for movie in movies))
    return path


def letterboxd_export(path: Path, rated: Sequence[tuple[str, int, float]],
                      watched: Sequence[tuple[str, int]],
                      watchlist: Sequence[tuple[str, int]] = ()) -> Path:
    """A Letterboxd export zip as Letterboxd gives it: ratings.csv (title, year, stars),
    watched.csv (title, year) and, where there are any, watchlist.csv (title, year)."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("ratings.csv", "Date,Name,Year,Letterboxd URI,Rating\n" + "".join(
            f"2024-01-01,{title},{year},u,{stars:g}\n" for title, year, stars in rated))
        for name, films in (("watched.csv", watched), ("watchlist.csv", watchlist)):
            if films or name == "watched.csv":
                archive.writestr(name, "Date,Name,Year,Letterboxd URI\n" + "".join(
                    f"2024-01-02,{title},{year},u\n" for title, year in films))
    return path


@dataclass(frozen=True)
class NoConfig:
    pass


class RankedStrategy(Strategy[list[Recommendation], NoConfig]):
    """A personal list in the fixed order its model is, within what a question allows: what
    the engine draws from a strategy's answer (`engine.drawing`) tested without training."""

    name: ClassVar[str] = "ranked"
    key: ClassVar[str] = "r"
    summary: ClassVar[str] = "a fixed order"
    needs: ClassVar[Need] = Need.PROFILE

    def __init__(self) -> None:
        super().__init__(NoConfig())

    def histories(self, model: list[Recommendation], ask: Ask) -> tuple[History, ...]:
        return (history_of(ask.ratings, ask.seen, ask.hidden),)

    def answer(self, model: list[Recommendation], ask: Ask) -> Answer:
        allowed = model if ask.allowed is None else [
            item for item in model if item.tmdb_id in set(ask.allowed.tmdb.tolist())]
        return Answer(allowed[:ask.k])


def tmdb_movie_index(root: Path, rows: list[tuple]) -> MovieIndex:
    """The movie list of TMDB 5000 alone, its rows the tiny data's and these (`MOVIES`'
    layout), built in `root`."""
    data = write_dataset(root / "data", tmdb_frame=hub_tmdb_frame([*MOVIES, *rows]),
                         with_movielens=False)
    return Engine(Store(root / "cache"), data).index().movies
