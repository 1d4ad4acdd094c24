"""The screen at every size: wider gives titles and reasons room, 60x20 keeps every tab and
the footer's ? and q, help says how to close, progress reads apart from its bar, and the
chart's genre list jumps as you type."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widget import Widget
from textual.widgets import DataTable, Input, Select

from tests.support import (
    BlockingTrainer,
    burst,
    make_app,
    open_quick_start,
    screen_text,
    settle,
    wait_for,
)
from tui_recsys.app.screens.data_error import advice
from tui_recsys.app.screens.help import KEYS_AFTER, HelpScreen
from tui_recsys.app.widgets.results import FILTER_BOXES, FILTERS_WIDTH
from tui_recsys.app.widgets.steady_scroll import SteadyScroll
from tui_recsys.engine.question import MovieFilter
from tui_recsys.engine.strategies import STRATEGIES


async def _focus(pilot, widget: Widget) -> None:
    pilot.app.main.set_focus(widget)
    await settle(pilot)


def _filter_bar(app) -> str:
    return next(line for line in screen_text(app).splitlines() if "years" in line)


async def _column_widths(size: tuple[int, int], tiny: Path, cache_dir: Path) -> dict[str, int]:
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        columns = app.query_one("#results", DataTable).columns.values()
        return {str(column.label): column.width for column in columns}


async def test_a_wider_screen_gives_titles_and_reasons_more_room(tiny: Path, cache_dir: Path):
    small = await _column_widths((80, 24), tiny, cache_dir)
    for size in ((120, 40), (122, 40), (160, 50)):  # stacked, then side by side
        large = await _column_widths(size, tiny, cache_dir)
        assert large["Title"] >= small["Title"] and large["Why"] >= small["Why"], size


async def test_at_60x20_every_tab_and_help_and_quit_show(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        lines = screen_text(app).splitlines()
        tabs, footer = lines[0], lines[-1]
        # too narrow for "1 chart" or "1chart": each tab shows its key, the current one its name
        assert tabs.split() == ["1", "chart", *(s.key for s in STRATEGIES[1:])]
        assert "? Help" in footer and "q Quit" in footer
        await pilot.press("8")
        await settle(pilot)
        assert screen_text(app).splitlines()[0].split() == [
            *(s.key for s in STRATEGIES[:-1]), "8", "together"]
        await pilot.press("?")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)


@pytest.mark.parametrize("width", [45, 64, 78, 79, 80, 121, 122, 160])
async def test_every_filter_shows_whole_at_any_width(tiny: Path, cache_dir: Path, width: int):
    """On a phone over SSH or in a split window, the boxes after the years went off the right
    edge (at 64 columns "lang an", and no votes box): a narrow pane puts them on a second row."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(width, 30)) as pilot:
        await settle(pilot)
        pane = app.main.query_one("ResultsPane")
        boxes = [app.main.query_one(f"#{name}") for name in ("genre", *FILTER_BOXES)]
        for box in boxes:
            assert box.region.width and box.region.right <= pane.region.right, (width, box.id)
        rows = {box.region.y for box in boxes}
        assert len(rows) == (1 if width >= FILTERS_WIDTH else 2), width
        await _focus(pilot, boxes[-1])
        burst(app, "100")
        await settle(pilot)
        assert app.main.query_one("#votes", Input).value == "100"
        assert app.main.query_one("ResultsPane").movie_filter().min_votes == 100


async def test_help_says_how_to_close_first_and_keeps_a_footer(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("?")
        await settle(pilot)
        text = screen_text(app)
        first = next(line for line in text.splitlines() if "tui-recsys keys" in line)
        assert "escape, q or ? closes this" in first
        assert "Close" in text.splitlines()[-1]  # its footer
        rows = " ".join(what for _, what in KEYS_AFTER)  # scrolled out of sight at 80x24
        assert "type \"sci\" to jump to Science Fiction" in rows and "1990-1999" in rows


async def test_every_key_of_a_burst_scrolls_the_help(tiny: Path, cache_dir: Path):
    """Ten downs sent at once (a held arrow over SSH) scrolled the help one line: each read
    the target the one before had not recorded yet."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("?")
        await settle(pilot)
        scroll = app.screen.query_one("#help", SteadyScroll)
        for key in ["down"] * 10 + ["pagedown", "up"]:
            app.post_message(events.Key(key, None))
        await settle(pilot)
        assert scroll.scroll_y == 9 + scroll.scrollable_content_region.height
        assert scroll.max_scroll_y > scroll.scroll_y  # not merely at its end


async def test_progress_stands_apart_from_its_bar_and_a_build_drops_the_last_reason(
        tiny: Path, cache_dir: Path):
    trainer = BlockingTrainer()
    app = make_app(tiny, cache_dir, trainer=trainer)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Why:" in str(app.query_one("#details-text").render())  # the chart's first
        await pilot.press("4")  # for-user needs a user: pick one, and it builds
        app.main.select_user(app.main.index.users.by_id(42))
        await wait_for(pilot, trainer.started)
        bar, status = app.query_one("#build-bar"), app.query_one("#build-status")
        assert status.region.x > bar.region.right
        await pilot.press("escape")
        await settle(pilot)


async def test_starting_a_build_clears_the_previous_lists_reason(tiny: Path, cache_dir: Path):
    trainer = BlockingTrainer()
    app = make_app(tiny, cache_dir, trainer=trainer)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Why: average" in str(app.query_one("#details-text").render())
        await pilot.press("5")  # by ratings, of the current movie: its model must be built
        await wait_for(pilot, trainer.started)
        await pilot.pause()
        assert "Why:" not in str(app.query_one("#details-text").render())
        await pilot.press("escape")
        await settle(pilot)


async def test_the_genre_list_jumps_as_you_type(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        genre = app.main.query_one("#genre", Select)
        app.main.set_focus(genre)
        await pilot.press("s", "c", "i", "enter")
        await settle(pilot)
        assert genre.value == "Science Fiction"
        assert app.main.query_now.movie_filter.genre == "Science Fiction"


async def test_a_genre_is_left_out_from_the_same_list(tiny: Path, cache_dir: Path):
    """No horror tonight: "no Action" follows the genres in the list, and no result has
    it."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")  # the story of the chart's first
        await settle(pilot)
        movies = app.main.engine.index().movies

        def action() -> list[bool]:
            shown = [movies.entry_of(item) for item in app.main.results.items]
            return [entry is None or "Action" in movies.details(entry.key).genres
                    for entry in shown]

        assert any(action())
        genre = app.main.query_one("#genre", Select)
        app.main.set_focus(genre)
        await pilot.press("n", "o", "space", "a", "c", "enter")
        await settle(pilot)
        assert genre.value == "no Action"
        assert app.main.query_now.movie_filter == MovieFilter(without=("Action",))
        assert "without Action" in screen_text(app) and "only without" not in screen_text(app)
        assert action() and not any(action())


def test_the_data_error_suggests_a_data_folder_inside_the_one_given(tmp_path: Path):
    assert "tui-recsys --data DIR" in advice(tmp_path)
    (tmp_path / "data").mkdir()
    said = advice(tmp_path)
    assert "It holds a data folder" in said and f"tui-recsys --data {tmp_path / 'data'}" in said


async def test_arrows_and_enter_typed_at_once_choose_in_the_genre_list(tiny: Path,
                                                                       cache_dir: Path):
    """"down down enter" typed at once on the closed list chooses what the same keys typed one
    by one choose: Textual's list opened, and chose nothing."""
    chosen = []
    for rounds in ([["down"], ["down"], ["enter"]], [["down", "down", "enter"]]):
        app = make_app(tiny, cache_dir)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            genre = app.main.query_one("#genre", Select)
            await _focus(pilot, genre)
            for keys in rounds:
                for key in keys:
                    app.post_message(events.Key(key, "\r" if key == "enter" else None))
                await settle(pilot)
            chosen.append((genre.value, genre.expanded))
    assert chosen[0] == chosen[1] and chosen[0][0] != Select.NULL and not chosen[0][1]


async def test_backspace_in_the_open_genre_list_does_not_go_back(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")  # story: the chart before it, to go back to
        await settle(pilot)
        genre = app.main.query_one("#genre", Select)
        app.main.set_focus(genre)
        await pilot.press("down")
        await settle(pilot)
        assert genre.expanded
        await pilot.press("backspace")
        await settle(pilot)
        assert app.main.strategy.name == "story" and genre.expanded


async def test_a_burst_through_the_filters_lands_where_it_was_typed(tiny: Path,
                                                                    cache_dir: Path):
    """A paste or a quick typist: letters reach the genre list before its open part has the
    focus, and keys after a tab before the tab has moved it (Textual moves both later)."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _focus(pilot, app.main.query_one("#genre", Select))
        burst(app, "dra\r\t1990-1999")
        await settle(pilot)
        assert app.main.query_one("#genre", Select).value == "Drama"
        assert app.main.query_one("#years", Input).value == "1990-1999"
        assert app.main.query_now.movie_filter == MovieFilter("Drama", (1990, 1999))


@pytest.mark.parametrize("at_once", [False, True], ids=["typed", "burst"])
async def test_tab_out_of_the_open_genre_list_keeps_what_typing_found(tiny: Path,
                                                                      cache_dir: Path,
                                                                      at_once: bool):
    """"sci", tab, "90s": the list closed on All genres, the genre typed lost without a word,
    and from the list closed tab went to the results, where the s of "90s" rated a movie."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _focus(pilot, app.main.query_one("#genre", Select))
        if at_once:
            burst(app, "dra\t1990-1999")
        else:
            for part in ("dra", "\t", "1990-1999"):
                burst(app, part)
                await settle(pilot)
        await settle(pilot)
        assert app.main.query_one("#genre", Select).value == "Drama"
        assert app.main.query_one("#years", Input).value == "1990-1999"
        assert app.main.query_now.movie_filter == MovieFilter("Drama", (1990, 1999))


async def test_light_theme_and_no_color_as_the_readme_says(tiny: Path, cache_dir: Path,
                                                           monkeypatch: pytest.MonkeyPatch):
    """`--theme light` reaches the app, and NO_COLOR turns its output monochrome (Textual
    reads the variable as the app starts); either way the lists and results show."""
    from textual.filter import Monochrome, NoColor

    from tests.support import make_engine
    from tui_recsys.app.recsys_app import RecsysApp
    from tui_recsys.cli.main import build_parser

    assert build_parser().parse_args(["--theme", "light"]).theme == "light"
    monkeypatch.setenv("NO_COLOR", "1")
    app = RecsysApp(make_engine(tiny, cache_dir), theme="light")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-light"
        assert any(isinstance(f, (Monochrome, NoColor)) for f in app._filters)
        assert app.main.results.items and "12 movies" in screen_text(app)


async def test_in_a_small_split_under_18_rows_the_results_still_show(tiny: Path,
                                                                     cache_dir: Path):
    """At 50x14 the lists and details took every row and no pick showed; now the details go."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(50, 14)) as pilot:
        await settle(pilot)
        table = app.query_one("#results", DataTable)
        assert table.row_count and table.region.height >= 3  # its header and two picks
        lines = screen_text(app).splitlines()
        assert "? Help" in lines[-1] and not any("Why:" in line for line in lines)
        await open_quick_start(pilot)  # its rows scroll, and the keys' hint still shows
        assert "enter next round" in screen_text(app)


async def test_in_a_split_of_12_rows_the_pane_you_are_in_gets_the_rows(tiny: Path,
                                                                       cache_dir: Path):
    """At 60x12 the lists kept six rows and the results showed their header alone: out of the
    lists, they keep their tabs and search box. The strategy tabs give up their two rows (the
    heading names the strategy) and the lists' tabs their underline, so at 80x12, half a
    24-row terminal, three picks show under the lists, six out of them."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(60, 12)) as pilot:
        await settle(pilot)
        sidebar, table = app.query_one("#sidebar"), app.query_one("#results", DataTable)
        assert not app.query_one("#strategies").display
        assert sidebar.has_focus_within and sidebar.region.height == 5  # two of its rows
        assert table.region.height >= 4  # header, three picks
        await pilot.press("tab")  # to the filters above the results
        await settle(pilot)
        assert sidebar.region.height == 2 and table.region.height >= 7  # header, six picks
        assert "search movies (/)" in screen_text(app)
        await pilot.press("escape")  # out of the filters, to the results
        await settle(pilot)
        assert sidebar.region.height == 2 and table.has_focus
        await pilot.press("/")  # back in the lists: their rows again
        await settle(pilot)
        assert sidebar.region.height == 5
        await pilot.press("escape", "2")  # the strategy keys still choose
        await settle(pilot)
        assert screen_text(app).count("story · ") == 1


async def test_the_lists_rows_follow_the_screen_as_it_is_resized(tiny: Path, cache_dir: Path):
    """In the lists, a split grown past 18 rows gives them their usual rows, and shrunk
    back, the five of a tiny screen; out of them, two."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(60, 12)) as pilot:
        await settle(pilot)
        sidebar = app.query_one("#sidebar")
        assert sidebar.has_focus_within and sidebar.region.height == 5
        await pilot.resize_terminal(60, 30)
        await settle(pilot)
        assert sidebar.region.height > 5 and not sidebar.styles.inline.has_rule("height")
        await pilot.resize_terminal(60, 12)
        await settle(pilot)
        assert sidebar.region.height == 5
        await pilot.press("tab")  # to the filters above the results
        await settle(pilot)
        assert sidebar.region.height == 2
        await pilot.resize_terminal(60, 30)
        await pilot.press("escape", "/")  # out of the filters, back in the lists
        await settle(pilot)
        assert sidebar.has_focus_within and sidebar.region.height > 5


async def test_an_empty_filter_reads_any_and_shows_its_example_only_while_typed_in(
        tiny: Path, cache_dir: Path):
    """"years 1990-1999" above a chart of every year read as a filter set."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        filters = _filter_bar(app)
        assert "1990-1999" not in filters and filters.count("any") == 4
        await _focus(pilot, app.main.query_one("#years", Input))
        filters = _filter_bar(app)
        assert "1990-1999" in filters and filters.count("any") == 3
        await pilot.press("tab")
        await settle(pilot)
        filters = _filter_bar(app)
        assert "1990-1999" not in filters and "90-120" in filters


async def test_escape_leaves_a_filter_box_for_the_results_it_filters(tiny: Path,
                                                                     cache_dir: Path):
    """Help says escape leaves the box; in a filter box it did nothing, and every key after it
    went on being typed into the box."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        years = app.main.query_one("#years", Input)
        await _focus(pilot, years)
        burst(app, "1990-\x1bu")
        await settle(pilot)
        assert years.value == "1990-"
        assert app.main.query_now.movie_filter.years == (1990, None)
        assert app.main.sidebar.active == "users"  # u, after escape, is the Users list again
        genre = app.main.query_one("#genre", Select)
        await _focus(pilot, genre)
        burst(app, "dra")  # the genre list, open: escape closes it, on what it had (tab
        await settle(pilot)  # keeps what typing found)
        await pilot.press("escape")
        await settle(pilot)
        assert genre.value == Select.NULL and not genre.expanded and app.focused is genre
        await pilot.press("escape")  # the genre list, closed
        await settle(pilot)
        assert app.main.focused is not genre and not genre.expanded


async def test_a_prompt_s_footer_lists_no_key_of_the_main_screen(tiny: Path, cache_dir: Path):
    """Under the stars prompt, the people prompt and the quick start the footer listed "/
    Search  m Movies  u Users  r Rebuild  s Rate": keys that act on the main screen, not
    there. In a box, it names the way out."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in ("s", "p", "k"):
            await pilot.press(key)
            await settle(pilot)
            footer = screen_text(app).splitlines()[-1]
            assert not any(word in footer for word in ("Search", "Movies", "Rebuild", "Leave")), (
                key, footer)
            await pilot.press("escape")
            await settle(pilot)
        await pilot.press("/")
        await settle(pilot)
        assert "esc Leave the box" in screen_text(app).splitlines()[-1]


async def test_at_60_columns_help_s_keys_leave_room_for_what_they_do(tiny: Path,
                                                                   cache_dir: Path):
    """The widest key, "up / down, pgup / pgdn", kept whole, took 24 of 52 columns from
    every row: "y" read "your lists in turn:" on one line of six."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await pilot.press("?")
        await settle(pilot)
        line = next(line for line in screen_text(app).splitlines() if "focus the search" in line)
        assert line.index("focus the search box") - line.index("/") <= 14


@pytest.mark.parametrize("size", [(60, 20), (60, 14)])
async def test_the_people_prompt_shows_how_to_answer_under_a_long_cast(
        tiny: Path, cache_dir: Path, size: tuple[int, int]):
    """A director and fifteen billed: at 60x20 the list took every row and the line saying
    what enter and escape do was cut off."""
    from tui_recsys.app.screens.people import PeoplePrompt

    app = make_app(tiny, cache_dir)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        people = [("Di Rector", "director"), *((f"Actor {n}", "cast") for n in range(15))]
        app.push_screen(PeoplePrompt("The Film (1999)", people, lambda _: []))
        await settle(pilot)
        text = screen_text(app)
        assert "Di Rector · director" in text and "Whose films? The Film (1999)" in text
        assert "enter lists their films, escape cancels" in text


@pytest.mark.parametrize(("size", "people", "tune"), [((80, 40), 12, 14), ((80, 20), 9, 9),
                                                      ((80, 16), 5, 5)])
async def test_the_prompts_with_offers_shrink_them_alike_on_short_screens(
        tiny: Path, cache_dir: Path, size: tuple[int, int], people: int, tune: int):
    """Whose films and the tuning share one frame: their offers give way under 24 rows,
    and again under 18, so that the hint under them still shows; tuning offers a little more
    room where there is some, for the dimensions a list varies by."""
    from textual.widgets import OptionList

    from tui_recsys.app.screens.people import PeoplePrompt
    from tui_recsys.app.screens.tune import TunePrompt
    from tui_recsys.engine.models.tuning import Dimensions
    from tui_recsys.engine.question import Tuning

    dimensions = Dimensions(tuple(frozenset({f"keyword {n}"}) for n in range(20)),
                            tuple(f"keyword {n}" for n in range(20)))

    app = make_app(tiny, cache_dir)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        tallest = {}
        for name, prompt in (("people", PeoplePrompt("The Film (1999)", [], lambda _: [])),
                             ("tune", TunePrompt(Tuning(), lambda: dimensions))):
            app.push_screen(prompt)
            await settle(pilot)
            tallest[name] = app.screen.query_one(OptionList).styles.max_height.value
            frame = app.screen.query_one("#offer-prompt")
            assert frame.region.width == 60 and frame.styles.border_top[0] == "thick"
            app.pop_screen()
            await settle(pilot)
        assert tallest == {"people": people, "tune": tune}
