"""Tuning a list: what is offered, the order worked out by hand, what each moved pick says,
and the engine, the command line and the app asking for it."""

import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from textual import events
from textual.widgets import Input, OptionList

from tests.cli.test_cli import run
from tests.support import (
    burst,
    hub_tmdb_frame,
    make_app,
    make_engine,
    screen_text,
    seeded_factors,
    settle,
    write_dataset,
)
from tui_recsys.app.screens.tune import TunePrompt
from tui_recsys.engine.engine import Engine
from tui_recsys.engine.models.tuning import Dimensions, varying
from tui_recsys.engine.question import Ask, Tuning

SCORES = np.array([1.0, 0.9, 0.8, 0.5])
LABELS = [{"A"}, {"B"}, {"A", "x"}, {"x"}]


def read(labels: list[set[str]], genres: tuple[str, ...] = ()) -> Dimensions:
    return Dimensions(tuple(map(frozenset, labels)), (), frozenset(genres))


def test_offered_are_the_dimensions_that_split_the_list_most_evenly():
    labels = [{"A", "x"}, {"A", "y"}, {"B", "x"}, {"A"}]
    # x: 2 of 4 (0.25), A: 3 of 4 (0.1875); B and y move one movie each: not offered
    assert varying(labels) == ["x", "A"]
    assert varying([{"A"}, {"A"}]) == [] and varying([]) == []


def test_more_of_puts_every_carrier_first_in_the_models_order():
    # relevance 1, 0.8, 0.6, 0 plus 2 for x: 1, 0.8, 2.6, 2 -> 2, 3, 0, 1 (even the least
    # relevant carrier above the most relevant other)
    order = read(LABELS).tune(SCORES, Tuning(more=("X",)))  # any case; said as spelled: x
    assert [t.position for t in order] == [2, 3, 0, 1]
    assert [t.moved_by for t in order] == [("more x",), ("more x",), (), ()]


def test_a_dimension_is_named_in_any_case_spacing_or_punctuation():
    """`--more timetravel` said "no pick here is 'timetravel'" of a list of "time travel"."""
    labels = [{"Drama"}, {"time travel"}, {"Science Fiction"}]
    for asked in ("timetravel", "Time-Travel", "TIME TRAVEL"):
        order = read(labels).tune(np.array([1.0, 0.5, 0.2]), Tuning(more=(asked,)))
        assert order[0].moved_by == ("more time travel",), asked
        assert read(labels).unmatched(Tuning(more=(asked,))) == []


def test_a_word_finds_the_dimensions_holding_it_and_a_genre_is_the_genre():
    """`--more space`, the README's own example, said "no pick here is 'space'" of Alien's
    list, whose TMDB keywords are "space marine" and "outer space"; and where one candidate
    of a deeper list (the app's) had the keyword "space", it meant that one alone."""
    labels = [{"Horror"}, {"space marine"}, {"Drama", "outer space"}, {"spaceship"},
              {"space"}]
    order = read(labels).tune(np.array([1.0, 0.7, 0.5, 0.2, 0.1]), Tuning(more=("Space",)))
    assert [t.position for t in order] == [1, 2, 4, 0, 3]  # a word, not a word's start
    assert [t.moved_by for t in order[:3]] == [("more space",)] * 3  # spelled as carried
    assert read(labels).unmatched(Tuning(more=("space",), less=("war",))) == ["war"]
    # a genre's name is the genre: "less Family" keeps the dramas about a family
    family = read([{"Family"}, {"dysfunctional family"}, {"Drama"}], genres=("family",))
    assert family.carriers("family").tolist() == [True, False, False]
    assert read([{"Family"}, {"dysfunctional family"}]).carrying("family") == 2


def test_a_word_typed_is_offered_with_what_holds_it():
    labels = [{"Drama", "outer space"}, {"space marine", "Horror"}, {"spaceship", "Drama"},
              {"heist"}, {"Drama"}]
    dimensions = read(labels)
    # the word first where it moves more than any one keyword holding it
    assert dimensions.matching("space") == ["space", "outer space", "space marine",
                                            "spaceship"]
    assert dimensions.carrying("space") == 2
    assert dimensions.matching("SPA") == ["outer space", "space marine", "spaceship"]
    assert dimensions.matching("sp mar") == ["space marine"]
    assert dimensions.matching("outer") == ["outer space"]  # the word moves no more than it
    assert dimensions.matching("drama") == ["Drama"] and dimensions.carrying("drama") == 3
    assert dimensions.matching("heist") == ["heist"]  # one film: typed, it may be wanted
    assert dimensions.matching("zzz") == [] and dimensions.matching(" !") == []
    # one every candidate carries moves nothing
    assert read([{"future", "a"}, {"future"}]).matching("fut") == []
    # a letter or two is a word being typed, not asked for ("new york s" holds "s")
    assert read([{"new york's"}, {"new york's"}, {"space"}, {}]).matching("s") == [
        "new york's", "space"]
    # most moved first, counting what holds the word too: paris 3, police 2, paris france 1
    assert read([{"paris"}, {"paris france"}, {"police"}, {"police", "paris"}, {}]).matching(
        "p") == ["paris", "police", "paris france"]


def test_less_of_sinks_the_carriers_and_says_why_the_others_rose():
    # less A: -1, 0.8, -1.4, 0 -> 1, 3, 0, 2
    order = read(LABELS).tune(SCORES, Tuning(less=("A",)))
    assert [t.position for t in order] == [1, 3, 0, 2]
    assert [t.moved_by for t in order] == [("not tagged A",), ("not tagged A",), ("less A",),
                                           ("less A",)]


def _reaching() -> Dimensions:
    """Three candidates of a list of two, none a heist, in a catalogue with three heists."""
    catalogue = read([{"A"}, {"B"}, {"heist"}, {"bank heist"}, {"heist", "A"}])
    return Dimensions(tuple(map(frozenset, [{"A"}, {"B"}, {"A", "B"}])), ("A", "B"),
                      frozenset(), 2, catalogue)


def test_more_of_what_fewer_than_a_list_s_length_carry_is_counted_in_the_catalogue():
    pool = _reaching()
    assert pool.reaches_beyond("heist", more=True) and pool.moving("heist", True) == 3
    assert not pool.reaches_beyond("heist", more=False) and pool.moving("heist", False) == 0
    assert not pool.reaches_beyond("A", more=True) and pool.moving("A", True) == 2
    # a word no candidate has, found in the catalogue, the most carried first
    assert pool.matching("hei") == ["heist", "bank heist"]
    assert pool.matching("bank heist") == ["bank heist"]
    assert Dimensions(pool.labels, (), frozenset(), 2).matching("hei") == []  # no catalogue


def test_asking_again_undoes_and_the_other_way_moves_across():
    tuning = Tuning().toggled("Space", more=True)
    assert tuning == Tuning(more=("Space",)) and tuning.describe() == "more Space"
    tuning = tuning.toggled("space", more=False)
    assert tuning == Tuning(less=("space",))
    assert not tuning.toggled("SPACE", more=False).active
    assert read(LABELS).unmatched(Tuning(more=("x", "zzz"))) == ["zzz"]


@pytest.fixture
def engine(tiny: Path, cache_dir: Path):
    return make_engine(tiny, cache_dir, trainer=seeded_factors)


def _titles(engine, tuning: Tuning) -> list[tuple[str, str]]:
    """Movies like Avatar by cast & crew (tiny: Clash of the Titans, The Host, The Matrix)."""
    answer = engine.recommend(engine.strategy("cast"), Ask(k=5, movie_id=19995, tuning=tuning))
    return [(item.title, item.reason.partition("; ")[0].removeprefix("tuned: ")
             if item.reason.startswith("tuned: ") else "") for item in answer.items]


def test_the_engine_tunes_any_list_and_offers_what_varies(engine):
    assert _titles(engine, Tuning()) == [("Clash of the Titans", ""), ("The Host", ""),
                                         ("The Matrix", "")]
    # The Host (2013) and The Matrix are science fiction, Clash of the Titans is not; what was
    # asked in any case is said as the catalogue spells it
    assert _titles(engine, Tuning(more=("science fiction",))) == [
        ("The Host", "more Science Fiction"), ("The Matrix", "more Science Fiction"),
        ("Clash of the Titans", "")]
    # Clash and The Host are adventures: The Matrix rises, and says why
    assert _titles(engine, Tuning(less=("Adventure",))) == [
        ("The Matrix", "not Adventure"), ("Clash of the Titans", "less Adventure"),
        ("The Host", "less Adventure")]
    assert engine.dimensions(engine.strategy("cast"), Ask(k=5, movie_id=19995)).offered == (
        "Adventure", "Science Fiction")  # every one is "future": it splits nothing
    nowhere = engine.recommend(engine.strategy("cast"),
                               Ask(k=5, movie_id=19995, tuning=Tuning(more=("zzz",))))
    assert nowhere.note == ("no pick here is 'zzz'; these vary most: Adventure, "
                            "Science Fiction")
    begun = engine.recommend(engine.strategy("cast"),
                             Ask(k=5, movie_id=19995, tuning=Tuning(less=("adv",))))
    assert begun.note == ("no pick here is 'adv'; did you mean Adventure? these vary most: "
                          "Adventure, Science Fiction")


def test_discovery_keeps_the_tuned_order(engine):
    """Discovery re-ranks a tuned list by its tuned order, not by the model's scores, which
    put back on top what "less of" had sunk."""
    answer = engine.recommend(engine.strategy("cast"), Ask(
        k=5, movie_id=19995, tuning=Tuning(less=("Adventure",)), discovery=1.0))
    assert [item.title for item in answer.items] == [
        "The Matrix", "Clash of the Titans", "The Host"]
    assert answer.items[0].reason.startswith("tuned: not Adventure")


@pytest.fixture
def heists(tmp_path: Path) -> Path:
    """A chart of 300 films, three of them heists, the first of those 150th: beyond the
    hundred candidates a list of ten or fewer is tuned from."""
    rows = [(1000 + n, f"Film {n:03}", "2000-01-01", f"Film number {n}.", ("Drama",),
             ("heist",) if n in (150, 200, 250) else ("odd",) if n % 2 else ("even",),
             ("Actor",), "Director", 9.0 - n / 100, 1000) for n in range(300)]
    return write_dataset(tmp_path / "data", tmdb_frame=hub_tmdb_frame(rows))


def test_more_of_what_few_of_the_first_hundred_carry_reaches_deeper(heists: Path,
                                                                    cache_dir: Path, capsys):
    """"More heist" on the real chart found two heist films in its first hundred and eight
    in all of it: the list showed one (the other rated) and then the chart as it was."""
    data, engine = heists, make_engine(heists, cache_dir)
    chart, heist = engine.strategy("chart"), Tuning(more=("heist",))
    answer = engine.recommend(chart, Ask(k=5, tuning=heist))
    assert [item.title for item in answer.items] == [
        "Film 150", "Film 200", "Film 250", "Film 000", "Film 001"]
    assert [item.reason.startswith("tuned: more heist; ") for item in answer.items] == [
        True, True, True, False, False]
    assert not answer.note  # all three were found: nothing to say
    # The tune prompt counts what each way moves as the tuning takes it: more heist, the
    # catalogue's three, less heist none of the hundred it orders, more odd the hundred's 50
    # (the catalogue's 150 odd films are reached for only where fewer than five are odd);
    # it offers first what splits the list's own hundred, and finds a word in the catalogue.
    read = engine.dimensions(chart, Ask(k=5))
    assert read.reaches_beyond("heist", more=True) and read.moving("heist", more=True) == 3
    assert not read.reaches_beyond("heist", more=False) and read.moving("heist", False) == 0
    assert not read.reaches_beyond("odd", more=True) and read.moving("odd", more=True) == 50
    assert read.offered == ("even", "odd")
    assert read.matching("hei") == ["heist"] and read.matching("heist") == ["heist"]
    # Less of something, or more of what the first hundred carry enough of, stays among them.
    assert [item.title for item in engine.recommend(chart, Ask(k=3, tuning=Tuning(
        more=("odd",)))).items] == ["Film 001", "Film 003", "Film 005"]
    code, out, _ = run(capsys, "recommend", "chart", "--more", "heist", "-k", "3", "--data",
                       str(data), "--cache-dir", str(cache_dir))
    assert code == 0 and [line.split()[2] for line in out.splitlines()[2:]] == [
        "150", "200", "250"]


def test_at_a_discovery_setting_as_many_carriers_are_drawn_as_candidates(
        heists: Path, cache_dir: Path, monkeypatch):
    """"More heist" at 0.5 or 1 on For you showed the model's ten best heist films' worth of
    carriers to choose from, and discovery filled the list with others (WALL·E): a person
    asking for adventurous heists wants the little-known heist films among a hundred."""
    engine = make_engine(heists, cache_dir)
    chart = engine.strategy("chart")
    asked: list[int] = []  # how many the strategy is asked for among the carriers alone
    answer = type(chart).answer
    monkeypatch.setattr(type(chart), "answer", lambda self, model, ask: (
        asked.append(ask.k) if ask.allowed is not None else None) or answer(self, model, ask))
    heist = Tuning(more=("heist",))
    engine.recommend(chart, Ask(k=5, tuning=heist))
    assert asked[0] == 5  # the five shown
    asked.clear()
    engine.recommend(chart, Ask(k=5, tuning=heist, discovery=0.5))
    assert asked[0] == 100  # the hundred candidates the setting chooses among


async def test_the_tune_prompt_counts_what_more_of_reaches_in_the_catalogue(
        heists: Path, cache_dir: Path):
    """The app's list of twenty is tuned from its first two hundred, which hold one heist:
    more heist moves the catalogue's three to the top, less heist the one."""
    app = make_app(heists, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "1theist")
        await settle(pilot)
        choices = app.screen.query_one(OptionList)
        assert [str(choices.get_option_at_index(at).prompt)
                for at in range(choices.option_count)] == ["more heist · 3 in the catalogue",
                                                           "less heist · 1 film"]
        await pilot.press("enter")
        await settle(pilot)
        assert "Film 150" in screen_text(app) and "tuned: more heist" in screen_text(app)


async def test_less_of_what_no_candidate_carries_is_not_offered(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(TunePrompt(Tuning(), _reaching))
        await settle(pilot)
        burst(app, "heist")
        await settle(pilot)
        choices = app.screen.query_one(OptionList)
        assert [str(choices.get_option_at_index(at).prompt)
                for at in range(choices.option_count)] == [
            "more heist · 3 in the catalogue", "more bank heist · 1 in the catalogue"]
        burst(app, "zz")  # where the catalogue was looked in, it is said so
        await settle(pilot)
        assert [str(choices.get_option_at_index(at).prompt)
                for at in range(choices.option_count)] == [
            "no movie in the catalogue carries 'heistzz'"]


def test_more_and_less_on_the_command_line(engine, tiny: Path, capsys):
    engine.prepare(engine.strategy("cast"))
    code, out, _ = run(capsys, "recommend", "cast", "--movie", "avatar", "--less",
                       "Adventure", "--data", str(tiny))
    first = out.splitlines()[2]
    assert code == 0 and "The Matrix" in first and "tuned: not Adventure; " in first
    code, _, err = run(capsys, "recommend", "cast", "--movie", "avatar", "--more", "zzz",
                       "--data", str(tiny))
    assert code == 0 and "no pick here is 'zzz'" in err


async def test_t_offers_the_list_s_dimensions_and_tunes_it(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "/avatar\r")
        await settle(pilot)
        await pilot.press("3", "t")  # more like Avatar, by cast & crew
        await settle(pilot)
        prompt = app.screen
        assert isinstance(prompt, TunePrompt)
        assert prompt.shown == ["Adventure", "Science Fiction"]
        assert "more Adventure · 2 films" in screen_text(app)
        wanted = 2  # more Adventure, less Adventure, more Science Fiction
        await pilot.press(*["down"] * wanted, "enter")
        await settle(pilot)
        assert app.main.query_now.tuning == Tuning(more=("Science Fiction",))
        assert "more Science Fiction" in str(app.query_one("#results-title").render())
        assert [item.title for item in app.main.results.items] == [
            "The Host", "The Matrix", "Clash of the Titans"]
        assert app.main.results.items[0].reason.startswith("tuned: more Science Fiction; ")
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("enter")  # first: as the model made it
        await settle(pilot)
        assert not app.main.query_now.tuning.active


async def test_t_on_a_list_nothing_sets_apart_says_so(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "/avatar\r")
        await settle(pilot)
        await pilot.press("2", "t")  # by story: two movies here, no genre splits them
        await settle(pilot)
        assert app.screen is app.main
        assert [n.message for n in app._notifications] == [
            "Nothing to tune: no genre or keyword sets this list's movies apart."]


def _read_slowly(monkeypatch) -> None:
    """From now on, a list's dimensions are read slower than keys come (0.3 s)."""
    dimensions = Engine.dimensions

    def slow(engine: Engine, *args, **kwargs) -> Dimensions:
        time.sleep(0.3)
        return dimensions(engine, *args, **kwargs)

    monkeypatch.setattr(Engine, "dimensions", slow)


async def _until(pilot, done: Callable[[], bool]) -> None:
    """Settled until `done`, at most twenty rounds: under load a burst's keys and the slow
    read (`_read_slowly`) outlasted the three rounds of one `settle` (a full run, once)."""
    for _ in range(20):
        await settle(pilot)
        if done():
            return


async def test_keys_typed_right_after_t_go_to_its_prompt(tiny: Path, cache_dir: Path,
                                                         monkeypatch):
    """"t down down enter" in one burst, the list's dimensions read slower than that: the
    prompt opens at once and its choice is the one the keys made."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "/avatar\r")
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        _read_slowly(monkeypatch)
        for key, character in (("t", "t"), ("down", None), ("down", None), ("enter", "\r")):
            app.post_message(events.Key(key, character))
        await _until(pilot, lambda: not isinstance(app.screen, TunePrompt))
        assert app.main.query_now.tuning == Tuning(more=("Science Fiction",))


async def test_keys_the_prompt_kept_come_before_those_the_app_still_holds(tiny: Path,
                                                                          cache_dir: Path):
    """The keys typed while the choices were read were posted to the app again once they
    came, behind the keys the app still held: under load, "t down down enter" chose the
    second choice, its enter before the second down (CI, once)."""
    import threading

    names = ("A", "B")
    read = threading.Event()

    def slow() -> Dimensions:
        read.wait(10)
        return Dimensions((frozenset({"A"}), frozenset({"B"}), frozenset()), names)

    app = make_app(tiny, cache_dir)
    chosen: list[Tuning | None] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(TunePrompt(Tuning(), slow), chosen.append)
        await pilot.pause(0.1)
        app.post_message(events.Key("down", None))  # kept by the prompt, while it reads
        await pilot.pause(0.1)
        end = app.key_hold.hold()  # the next keys still held by the app
        app.post_message(events.Key("down", None))
        app.post_message(events.Key("enter", "\r"))
        await pilot.pause(0.1)
        read.set()
        await settle(pilot)
        end()
        await settle(pilot)
        assert chosen == [Tuning(more=("B",))]  # more A, less A, more B


async def test_a_word_typed_in_the_tune_prompt_finds_what_the_list_carries(
        tiny: Path, cache_dir: Path, monkeypatch):
    """The prompt offered only the eight dimensions that vary most: a person after a keyword
    they had in mind could not ask for it in the app, as `--more` can."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "/avatar\r3")
        await settle(pilot)
        _read_slowly(monkeypatch)
        burst(app, "tqzz1")  # typed before the choices are read: text all the same
        said = "no movie in this list carries 'qzz1'"
        await _until(pilot, lambda: said in screen_text(app))
        assert isinstance(app.screen, TunePrompt) and said in screen_text(app)
        burst(app, "\r")  # nothing to choose: the prompt stays
        await settle(pilot)
        assert isinstance(app.screen, TunePrompt) and app.main.strategy.name == "cast"
        burst(app, "\x7f" * 4 + "sci")
        await pilot.press("down", "enter")  # more, less
        await settle(pilot)
        assert app.main.query_now.tuning == Tuning(less=("Science Fiction",))
        # all of it typed while the choices are read: the words, then the arrow, then enter
        burst(app, "tadv")
        app.post_message(events.Key("down", None))
        app.post_message(events.Key("enter", "\r"))
        tuned = Tuning(less=("Science Fiction", "Adventure"))
        await _until(pilot, lambda: app.main.query_now.tuning == tuned)
        assert app.main.query_now.tuning == tuned


async def test_more_or_less_typed_before_the_words_offers_that_way_alone(
        tiny: Path, cache_dir: Path):
    """"less sci", as the choices read (and as "like this, but less violent" says it),
    answered that no movie in this list carries 'less sci'; typed with the t, its first
    letter was lost (the box selected it as it took the focus, the next key replaced it)."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "/avatar\r3")
        await settle(pilot)
        for typed, offered in (("less sci", ["less Science Fiction · 2 films"]),
                               ("-sci", ["less Science Fiction · 2 films"]),
                               ("More ", ["more Adventure · 2 films",
                                          "more Science Fiction · 2 films"]),
                               ("less qzz", ["no movie in this list carries 'qzz'"])):
            burst(app, "t" + typed)  # typed with t: played into the box as it opens
            await settle(pilot)
            assert app.screen.query_one(Input).value == typed  # not "ess sci"
            choices = app.screen.query_one(OptionList)
            assert [str(choices.get_option_at_index(at).prompt)
                    for at in range(choices.option_count)] == offered
            burst(app, "\x1b")
            await settle(pilot)
        burst(app, "tless sci\r")
        await settle(pilot)
        assert app.main.query_now.tuning == Tuning(less=("Science Fiction",))


async def test_at_60x20_the_tune_prompt_shows_its_hint_under_its_choices(tiny: Path,
                                                                         cache_dir: Path):
    """Eight dimensions, sixteen choices: the list scrolls, and the hint stays on screen."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        names = tuple(f"keyword {n}" for n in range(8))
        app.push_screen(TunePrompt(Tuning(), lambda: Dimensions(
            (frozenset(names[:4]), frozenset(names[4:]), frozenset()), names)))
        await settle(pilot)
        text = screen_text(app)
        assert "more keyword 0" in text
        assert "enter chooses (again: undoes it), escape cancels" in text
