"""Helpers for driving the app: a stand-in trainer and a ready-made app on the tiny data."""

from __future__ import annotations

import contextlib
import io
import threading
from pathlib import Path

import numpy as np
import pandas as pd
from rich.console import Console
from textual import events
from textual.worker import WorkerFailed

from tui_recsys.app.main import RecsysApp
from tui_recsys.engine.base import BuildContext
from tui_recsys.engine.collaborative import CollaborativeParams, Factors
from tui_recsys.engine.engine import Engine
from tui_recsys.engine.store import Store
from tui_recsys.errors import Cancelled


def seeded_factors(ratings: pd.DataFrame, params: CollaborativeParams,
                   ctx: BuildContext) -> Factors:
    """Deterministic factors, so that screens can be compared byte for byte."""
    ctx.progress("training collaborative model, epoch 1/1", 1.0)
    users = np.unique(ratings["user_id"].to_numpy())
    movies = np.unique(ratings["movie_id"].to_numpy())
    rng = np.random.default_rng(0)
    return Factors(users, movies, rng.normal(size=(len(users), 4)).astype(np.float32),
                   rng.normal(size=(len(movies), 4)).astype(np.float32),
                   np.zeros(len(users), np.float32),
                   np.linspace(-0.5, 0.5, len(movies)).astype(np.float32), 3.5,
                   {"epochs_run": 1, "best_epoch": 1, "validation_rmse": [1.0]})


class BlockingTrainer:
    """Trains until cancelled, reporting progress, like a long real training."""

    def __init__(self) -> None:
        self.started = threading.Event()

    def __call__(self, ratings: pd.DataFrame, params: CollaborativeParams,
                 ctx: BuildContext) -> Factors:
        epoch = 0
        while not ctx.cancel.wait(0.05):
            epoch += 1
            ctx.progress(f"training collaborative model, epoch {epoch}/1000", epoch / 1000)
            self.started.set()
        raise Cancelled("training cancelled")


def make_app(data: Path, cache: Path, trainer=seeded_factors) -> RecsysApp:
    return RecsysApp(Engine(Store(cache), data, trainer=trainer))


async def settle(pilot) -> None:
    """Wait until every worker is done and the screen has caught up."""
    for _ in range(3):
        with contextlib.suppress(WorkerFailed):  # the app shows failures; tests read them
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def wait_for(pilot, event: threading.Event) -> None:
    """Wait for a build's event without blocking: the build reports through this event loop."""
    for _ in range(400):
        if event.is_set():
            return
        await pilot.pause(0.05)
    raise AssertionError("the build never reported progress")


KEY_NAMES = {"/": "slash", "\r": "enter", " ": "space", "?": "question_mark", "\x1b": "escape"}


def burst(app: RecsysApp, typed: str) -> None:
    """Queue every key at once, as a terminal over SSH or a paste delivers them."""
    for character in typed:
        app.post_message(events.Key(KEY_NAMES.get(character, character), character))


def screen_text(app: RecsysApp) -> str:
    """The screen as plain text, every character as it would reach the terminal (the same
    render as `App.export_screenshot`, exported as text instead of SVG)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens))
    return console.export_text()
