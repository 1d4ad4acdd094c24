"""Movie night in the app: g marks people in the Users list (♥), 8 lists films for all of
them with everyone's stars, o switches least misery and the average, backspace walks back."""

from pathlib import Path

from rich.cells import cell_len
from textual import events

from tests.support import (
    burst,
    friend_file,
    letterboxd_export,
    make_app,
    make_engine,
    notes_said,
    screen_text,
    settle,
    unwrapped,
)
from tui_recsys.app.friends import Friends
from tui_recsys.app.query import Query, export_name, heading, watchlist_only
from tui_recsys.engine.question import GroupBy, MovieFilter, Tuning


async def test_mark_people_then_list_films_for_all_of_them(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("8")
        await settle(pilot)
        assert "Pick at least 2 people for movie night" in screen_text(app)
        await pilot.press("u", "down", "g")  # user 1 (You lead the list)
        await settle(pilot)
        assert any("User 1 joins movie night: user 1." in n.message for n in app._notifications)
        await pilot.press("down", "g")  # user 2
        await settle(pilot)
        text = screen_text(app)
        assert "movie night for user 1, user 2 · least misery (o)" in text
        assert "♥   1" in text and "♥   2" in text and "♥  42" not in text
        items = app.main.results.items
        assert {item.movielens_id for item in items} == {6, 7}  # what neither rated
        assert all(item.reason.startswith("would rate it: ") and "user 1 " in item.reason
                   and "user 2 " in item.reason for item in items)
        await pilot.press("o")
        await settle(pilot)
        assert app.main.query_now.group_by is GroupBy.AVERAGE
        assert "· average (o)" in screen_text(app)
        await pilot.press("up", "up", "g", "down", "down", "down", "g")  # You and user 42
        await settle(pilot)  # four named in full left no room for the order's key at 80
        assert "movie night for user 1, user 2 and 2 others · average (o)" in screen_text(app)
        await pilot.press("g", "up", "up", "up", "g", "down", "down")  # back to the two, on user 2
        await settle(pilot)
        await pilot.press("g")  # user 2 leaves
        await settle(pilot)
        assert any("User 2 leaves movie night: user 1." in n.message
                   for n in app._notifications)
        assert "♥   2" not in screen_text(app)
        await pilot.press("backspace")  # back: user 2 is in again, marked again
        await settle(pilot)
        assert "♥   2" in screen_text(app) and len(app.main.query_now.group) == 2


async def test_you_join_with_your_ratings_and_are_told_when_there_are_none(
        tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("u", "g", "down", "g", "8")
        await settle(pilot)
        assert "User 1 joins movie night: you, user 1." in notes_said(app)[-1]
        # no ratings yet: at the movie night all the same (what you saw or hid is left out),
        # the list by the others' tastes, and said so under its title (it was refused)
        assert "you: no ratings yet, so the list goes by user 1's tastes" in screen_text(app)
        assert all(item.reason.startswith("would rate it: user 1 ")
                   for item in app.main.results.items)
        burst(app, "m/matrix\r")
        await settle(pilot)
        await pilot.press("plus")  # you like The Matrix
        await settle(pilot)
        await pilot.press("8")
        await settle(pilot)
        items = app.main.results.items
        assert items and all("you " in item.reason for item in items)
        assert 3 not in {item.movielens_id for item in items}  # you rated it


async def test_g_with_no_user_in_view_says_how(tiny: Path, cache_dir: Path):
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        assert any("g marks people for movie night" in n.message for n in app._notifications)
        assert app.main.query_now.group == ()


async def test_a_burst_of_keys_marks_the_people_the_cursor_passes(tiny: Path, cache_dir: Path):
    """Over SSH "g, down, g, 8" arrive at once: the second g marks the user the down moved to."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        for key in ("g", "down", "g", "8"):
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await settle(pilot)
        assert [entry.user_id for entry in app.main.query_now.group] == [0, 1]  # You, user 1
        assert "movie night for you, user 1" in screen_text(app)
        # One note, naming all of them: each took the place of the one before, where they
        # stacked over the lists, a note a person.
        assert [note for note in notes_said(app) if "movie night" in note] == [
            "User 1 joins movie night: you, user 1. Press 8 for together."]


async def test_o_right_after_8_orders_the_movie_night(tiny: Path, cache_dir: Path):
    """"8 o" typed at once: o orders the movie night 8 opens, not your lists."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("u", "down", "g", "down", "g", "1")
        await settle(pilot)
        burst(app, "8o")
        await settle(pilot)
        assert app.main.strategy.name == "together"
        assert app.main.query_now.group_by is GroupBy.AVERAGE


async def test_marking_someone_keeps_them_in_the_details_and_no_movie_out_of_sight_current(
        tiny: Path, cache_dir: Path):
    """g asks the list on screen again; its first pick used to become the current movie and
    replace the user in the details, so s would rate a movie no longer in sight."""
    app = make_app(tiny, cache_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("u", "down")  # user 1, over the chart
        await settle(pilot)
        assert app.main.current is None and "MovieLens user 1" in screen_text(app)
        await pilot.press("g")
        await settle(pilot)
        assert app.main.current is None and "MovieLens user 1" in screen_text(app)
        await pilot.press("4")  # a new list, for them: its first pick is on screen
        await settle(pilot)
        assert app.main.current is not None


async def test_a_friends_file_joins_movie_night_read_afresh_and_never_written(
        tiny: Path, cache_dir: Path, tmp_path: Path):
    """`tui-recsys --friend sam.csv`: sam after You in the Users list; enter lists their picks,
    g brings them to movie night; what they rated is left out, read again when their file
    changes."""
    (tmp_path / "friends").mkdir()
    sam = friend_file(tmp_path / "friends" / "sam.csv", 6)
    app = make_app(tiny, cache_dir, friends=[sam])
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert "sam  " in screen_text(app) and "1 rated" in screen_text(app)
        await pilot.press("down")
        await settle(pilot)
        assert "sam (a friend's ratings, read only)" in screen_text(app)
        assert "1 rating, 4.50 stars on average" in screen_text(app)  # above a long path
        assert unwrapped(f"from {sam}") in unwrapped(str(  # which file counts
            app.query_one("#details-text").render()))
        await pilot.press("enter")  # sam's picks: For you from their file
        await settle(pilot)
        assert "for-you · sam's picks, from their 1 rating" in screen_text(app)
        items = app.main.results.items
        assert items and 6 not in {item.movielens_id for item in items}  # they rated it
        assert any("which they rated" in item.reason for item in items)
        assert not any("you" in item.reason for item in items)
        await pilot.press("e")  # named after whose picks they are
        await settle(pilot)
        folder = app.main.yours.marks_path.parent
        assert len(list(folder.glob("picks-for-you-sam-*[0-9].csv"))) == 1
        await pilot.press("6")  # For you, the tab: yours again
        await settle(pilot)
        assert "sam's picks" not in screen_text(app)
        await pilot.press("u", "g", "down", "g", "8")  # sam, then user 1
        await settle(pilot)
        assert "movie night for sam, user 1" in screen_text(app)
        said = [note for note in notes_said(app) if "movie night:" in note]
        assert said == ["User 1 joins movie night: sam, user 1. Press 8 for together."]
        items = app.main.results.items
        assert items and {item.movielens_id for item in items} <= {2, 5, 7}  # none rated
        assert all("sam " in item.reason and "user 1 " in item.reason for item in items)
        friend_file(sam, 6, 5)  # a newer export, while the app runs
        await pilot.press("o")
        await settle(pilot)
        assert {item.movielens_id for item in app.main.results.items} <= {2, 7}
        sam.write_text("not a profile\n")
        await pilot.press("o")
        await settle(pilot)
        assert "the first row must be" in screen_text(app) and not app.main.results.items
    assert sam.read_text() == "not a profile\n"  # read only: no copy, no repair
    assert [path.name for path in sam.parent.iterdir()] == ["sam.csv"]


async def test_a_friend_is_found_by_name_in_the_users_list(tiny: Path, cache_dir: Path,
                                                           tmp_path: Path):
    app = make_app(tiny, cache_dir, friends=[friend_file(tmp_path / "sam.csv", 6)])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        users = len(app.main.engine.index().users)  # MovieLens': You and sam come on top
        burst(app, "u")
        await settle(pilot)
        assert f"{users + 2:,} users" in screen_text(app)
        assert "search users by id, genre or name" in screen_text(app)  # a friend's name too
        burst(app, "/sa")
        await settle(pilot)
        assert app.main.sidebar.users.entry_at_cursor().name == "sam"
        assert f"1 of {users + 2:,} users" in screen_text(app)  # it said 1 of the MovieLens'


async def test_the_users_list_shows_a_friends_newer_file_when_brought_into_view(
        tiny: Path, cache_dir: Path, tmp_path: Path):
    """It showed what their file held at your last rating."""
    sam = friend_file(tmp_path / "sam.csv", 6)
    app = make_app(tiny, cache_dir, friends=[sam])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("u", "down")
        await settle(pilot)
        assert "1 rated" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert "sam's picks, from their 1 rating" in screen_text(app)
        friend_file(sam, 6, 5)  # a newer export, while the app runs
        await pilot.press("m", "u")
        await settle(pilot)
        assert "2 rated" in screen_text(app)
        await pilot.press("d")  # the list asked again (discovery 0.25)
        await settle(pilot)
        assert "sam's picks, from their 2 ratings" in screen_text(app)
        assert not {5, 6} & {item.movielens_id for item in app.main.results.items}


async def test_a_friend_without_ratings_has_no_picks_to_show(tiny: Path, cache_dir: Path,
                                                             tmp_path: Path):
    """Their For you was the list for you to rate first, saying "rate it to start"."""
    zoe = friend_file(tmp_path / "Zoë.csv")
    app = make_app(tiny, cache_dir, friends=[zoe])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("u", "down", "enter")
        await settle(pilot)
        assert "Zoë's file holds no ratings yet" in screen_text(app)
        assert not app.main.results.items and "rate it to start" not in screen_text(app)
        friend_file(zoe, 6)  # her first export with a rating, while the app runs
        await pilot.press("d")  # the list asked again
        await settle(pilot)
        text = screen_text(app)  # the heading counted her file afresh, and so does the list
        assert "Zoë's picks, from their 1 rating" in text and "holds no ratings" not in text
        assert app.main.results.items


def test_an_export_is_named_after_whose_list_it_is(tiny: Path, cache_dir: Path, tmp_path: Path):
    engine = make_engine(tiny, cache_dir)
    strategies = {s.name: s for s in engine.strategies}
    [zoe] = Friends([friend_file(tmp_path / "[bold]Zoë B..csv", 6)], engine).entries(
        engine.index().movies)
    user = engine.index().users.entry(0)
    assert export_name(Query(strategies["for-you"], None, None, MovieFilter(),
                             friend=zoe)) == "for-you-bold-zoe-b"
    assert export_name(Query(strategies["for-user"], None, user, MovieFilter())) == (
        f"for-user-{user.user_id}")
    assert export_name(Query(strategies["story"], None, user, MovieFilter())) == "story"
    # a week's "more like this" exports were all "story": what it is like, whose, who is in it
    avatar = engine.index().movies.by_tmdb(19995)
    assert export_name(Query(strategies["story"], avatar, None, MovieFilter())) == (
        "story-avatar-2009")
    assert export_name(Query(strategies["person"], None, None, MovieFilter(),
                             person="Sigourney Weaver")) == "person-sigourney-weaver"
    assert export_name(Query(strategies["together"], None, None, MovieFilter(),
                             group=(zoe, user))) == f"together-bold-zoe-b-user-{user.user_id}"
    assert export_name(Query(strategies["for-you"], None, None, MovieFilter(),
                             only_watchlist=True)) == "for-you-watchlist"
    # how it was drawn, as its heading says: a tuned list was named as the list it tuned
    assert export_name(Query(strategies["story"], avatar, None,
                             MovieFilter(genre="Drama", years=(1990, 1999)), discovery=0.5,
                             tuning=Tuning(less=("Drama",)))) == (
        "story-avatar-2009-discovery-0-5-less-drama-only-drama-1990-1999")
    # W asked of lists that are not yours draws nothing from your watchlist, nor says so
    for query in (Query(strategies["for-you"], None, None, MovieFilter(), friend=zoe,
                        only_watchlist=True),
                  Query(strategies["for-user"], None, user, MovieFilter(), only_watchlist=True)):
        assert not watchlist_only(query) and "watchlist" not in export_name(query)


def test_a_newcomer_s_chart_offers_the_quick_start_and_a_list_waiting_for_its_subject_does_not(
        tiny: Path, cache_dir: Path):
    """A list that waits for a user or a movie says what it is (its hint says what to pick),
    not the quick start, which belongs where a newcomer starts: the chart."""
    strategies = {s.name: s for s in make_engine(tiny, cache_dir).strategies}
    chart, waiting = (Query(strategies[name], None, None, MovieFilter())
                      for name in ("chart", "for-user"))
    assert heading(chart, 0) == ("chart · no ratings yet: k for a quick start, then 6 for your "
                                 "picks")
    assert heading(chart, 1) == f"chart · {strategies['chart'].summary}"
    assert heading(waiting, 0) == f"for-user · {strategies['for-user'].summary}"


def test_a_friends_entry_is_worked_out_again_only_when_their_file_changes(
        tiny: Path, cache_dir: Path, tmp_path: Path):
    sam = friend_file(tmp_path / "sam.csv", 6)
    engine = make_engine(tiny, cache_dir)
    friends, movies = Friends([sam], engine), engine.index().movies
    first = friends.entries(movies)
    assert friends.entries(movies)[0] is first[0]  # your rating refills the list: not sam's
    friend_file(sam, 6, 5)
    assert friends.entries(movies)[0].ratings == 2


async def test_the_users_genres_line_up_whatever_the_names(tiny: Path, cache_dir: Path,
                                                          tmp_path: Path):
    """A friend named "alex" pushed their genres one column right of everyone else's."""
    app = make_app(tiny, cache_dir, friends=[friend_file(tmp_path / "alex.csv", 6),
                                             friend_file(tmp_path / "a-very-long-name.csv", 6),
                                             friend_file(tmp_path / "山田.csv", 6)])
    async with app.run_test(size=(80, 40)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        rows = [line for line in screen_text(app).splitlines() if " rated" in line]
        you, alex, long, yamada, user = (row.split()[0] for row in rows[:5])
        assert (you, alex, long, yamada, user) == ("You", "alex", "a-very-long-name", "山田", "1")
        assert rows[1].index("Comedy") == rows[4].index("Action") == len(" alex  ")
        assert rows[2].index("Comedy") == len(" a-very-long-name  ")  # its own row only
        # in cells, as the terminal shows them: two a letter in Japanese
        assert cell_len(rows[3][:rows[3].index("Comedy")]) == len(" alex  ")
        assert len({cell_len(row[:row.index(" rated")]) for row in rows[:5]}) == 1


def test_a_friends_letterboxd_export_is_in_the_users_list_as_it_is(
        tiny: Path, cache_dir: Path, tmp_path: Path):
    """`--friend letterboxd-ratings.csv` was refused before the app started: only a file of
    `profile export` was a friend's."""
    export = tmp_path / "sam.csv"
    export.write_text("Date,Name,Year,Letterboxd URI,Rating\n2024-01-01,The Matrix,1999,u,5\n"
                      "2024-01-02,Avatar,2009,u,4.5\n")
    engine = make_engine(tiny, cache_dir)
    friends = Friends([export], engine)
    friends.check()
    [sam] = friends.entries(engine.index().movies)
    assert (sam.name, sam.ratings) == ("sam", 2)
    assert {rated.title for rated in friends.ratings(sam.key)} == {"The Matrix", "Avatar"}


async def test_what_a_friend_saw_or_hid_is_left_out_of_their_lists(
        tiny: Path, cache_dir: Path, tmp_path: Path):
    """A friend's own tui-recsys keeps their marks beside their profile (sam.marks.csv): what
    they saw or hid is left out of a movie night they are at and of their picks, as what they
    rated is; i shows it again. Read only, as their profile is."""
    sam = friend_file(tmp_path / "sam.csv", 6)
    marks = tmp_path / "sam.marks.csv"
    marks.write_text("mark,movielens_id,tmdb_id,title,year,marked_at\n"
                     "seen,5,,Movie 5,2000,2026-01-01T00:00:00Z\n"
                     "hidden,7,,Movie 7,2000,2026-01-01T00:00:00Z\n")
    app = make_app(tiny, cache_dir, friends=[sam])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("u", "down", "g", "down", "g", "8")  # sam, then user 1
        await settle(pilot)
        assert "movie night for sam, user 1" in screen_text(app)
        night = {item.movielens_id for item in app.main.results.items}
        assert night and not {5, 6, 7} & night  # user 1 rated 1, 3 and 4
        await pilot.press("i")
        await settle(pilot)
        shown = {item.movielens_id: item.yours for item in app.main.results.items}
        assert shown[5] == "seen by sam" and shown[7] == "sam: not interested"  # unmarked
        assert "· all shown (i)" in screen_text(app)
        assert "✕ Unlinked Film" in screen_text(app)  # movielens id 7
        await pilot.press("i")
        burst(app, "u/sa\r")  # sam's picks
        await settle(pilot)
        assert "sam's picks" in screen_text(app)
        picks = {item.movielens_id for item in app.main.results.items}
        assert picks and not {5, 6, 7} & picks
        await pilot.press("i")
        await settle(pilot)
        assert "· theirs shown (i)" in screen_text(app)  # not "yours"
        hidden = next(i for i in app.main.results.items if i.movielens_id == 7)
        assert hidden.yours == "not interested"  # ✕ on its row, as yours are
    assert marks.read_text().count("\n") == 3


async def test_a_friend_may_be_their_whole_letterboxd_export(tiny: Path, cache_dir: Path,
                                                            tmp_path: Path):
    """`--friend letterboxd-sam-….zip`: the Users list names them by their username, their
    ratings.csv is their taste and their watched.csv what they saw (left out)."""
    export = letterboxd_export(tmp_path / "letterboxd-sam-2026-12-01-09-30-utc.zip",
                               [("Amélie", 2001, 4.5)], [("The Shawshank Redemption", 1994)])
    app = make_app(tiny, cache_dir, friends=[export])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("u", "down")
        await settle(pilot)
        assert app.main.sidebar.users.entry_at_cursor().name == "sam"
        await pilot.press("g", "down", "g", "8")  # sam, then user 1
        await settle(pilot)
        assert "movie night for sam, user 1" in screen_text(app)
        night = {item.movielens_id for item in app.main.results.items}
        assert night and not {5, 6} & night


async def test_w_at_movie_night_draws_from_everyones_watchlist_there(
        tiny: Path, cache_dir: Path, tmp_path: Path):
    """W refused a movie night without You, and with You drew from your watchlist alone: a
    friend's watchlist (their marks beside their file) is theirs at it too, with or without
    You, and a pick on one says whose."""
    from tui_recsys import paths
    from tui_recsys.data.marks_file import WATCHLIST, Mark, load_marks

    sam = friend_file(tmp_path / "sam.csv", 6)
    (tmp_path / "sam.marks.csv").write_text(
        "mark,movielens_id,tmdb_id,title,year,marked_at\n"
        "watchlist,7,,Movie 7,2000,2026-01-01T00:00:00Z\n")
    yours = load_marks(paths.marks_path(None))
    yours.add(Mark(WATCHLIST, 5, 278, "The Shawshank Redemption", 1994, 0))
    yours.save()
    app = make_app(tiny, cache_dir, friends=[sam])
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("u", "down", "g", "down", "g", "8")  # sam, then user 1
        await settle(pilot)
        await pilot.press("W")
        await settle(pilot)
        assert any("From the watchlists of everyone at movie night" in n.message
                   for n in app._notifications)
        assert heading(app.main.query_now) == ("together · movie night for sam, user 1 · "
                                               "least misery (o) · watchlists (W)")
        items = app.main.results.items
        assert [item.movielens_id for item in items] == [7]  # yours is not theirs
        assert items[0].reason.endswith("; on sam's watchlist") and items[0].on_watchlist
        await pilot.press("up", "up", "g", "8")  # You join
        await settle(pilot)
        items = app.main.results.items
        assert {item.movielens_id for item in items} == {5, 7}
        reasons = {item.movielens_id: item.reason for item in items}
        assert reasons[5].endswith("; on your watchlist")
    assert (tmp_path / "sam.marks.csv").read_text().count("\n") == 2  # read only


async def test_a_friend_whose_ratings_are_yours_counts_once(tiny: Path, cache_dir: Path,
                                                            tmp_path: Path):
    """Your own ratings kept as a friend (the copy on your laptop) beside You: you twice, your
    stars twice in every reason and weighing double in the average, where the command line
    counted them once."""
    laptop = friend_file(tmp_path / "laptop.csv", 6)
    app = make_app(tiny, cache_dir, friends=[laptop])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.main.yours.profile_path.parent.mkdir(parents=True, exist_ok=True)
        friend_file(app.main.yours.profile_path, 6)
        await pilot.press("u", "g", "down", "g", "8")  # You and laptop: one person
        await settle(pilot)
        assert unwrapped("together needs at least 2 different people, and laptop has the same "
                         "ratings as you: add someone else") in unwrapped(screen_text(app))
        assert not app.main.results.items
        await pilot.press("u", "down", "g", "8")  # and user 1
        await settle(pilot)
        assert "laptop has the same ratings as you, counted once" in screen_text(app)
        items = app.main.results.items
        assert items and all("laptop" not in item.reason and item.reason.count("you ") == 1
                             for item in items)
