"""`tui-recsys recommend STRATEGY`: one strategy's recommendations, as a table or JSON on
stdout, what was asked on stderr. Its options come from each strategy's declaration."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from typing import TYPE_CHECKING

from tui_recsys import paths
from tui_recsys.cli.exports import (
    export_as_options,
    export_target,
    stdout_format,
    write_export,
)
from tui_recsys.cli.output import say, then, write_stdout
from tui_recsys.cli.parsing import an_id, common_options, count_option, person, title
from tui_recsys.data.guest_profiles import (
    friend_named,
    guest_names,
    kept_friends,
    marks_source,
    others,
)
from tui_recsys.data.marks_file import HIDDEN, SEEN, Marks, load_marks
from tui_recsys.data.profile_file import Profile, load_profile
from tui_recsys.data.titles import name_key
from tui_recsys.engine.answer import picks_csv
from tui_recsys.engine.question import (
    MIN_GROUP,
    YOU_MEMBER,
    Ask,
    GroupBy,
    Member,
    MovieFilter,
    Need,
    Tuning,
)
from tui_recsys.engine.strategies import STRATEGIES
from tui_recsys.engine.strategies.person import films_of
from tui_recsys.engine.strategies.strategy import Strategy
from tui_recsys.engine.typed_filters import (
    parse_discovery,
    parse_language,
    parse_min_votes,
    parse_runtime,
    parse_years,
)
from tui_recsys.errors import UsageError
from tui_recsys.text import echo, listed, plural

if TYPE_CHECKING:
    from pathlib import Path

    from tui_recsys.engine.build_context import BuildContext
    from tui_recsys.engine.engine import Engine


CONTENT = "content"  # `recommend content --by NAME`: one command for the movie-to-movie kinds


MOVIE_STRATEGIES = [strategy for strategy in STRATEGIES if strategy.needs is Need.MOVIE]


def _add_questions(parser: argparse.ArgumentParser, needs: Need,
                   leaves_out_yours: bool) -> None:
    """The options a kind of strategy is asked with."""
    if needs.movie:
        parser.add_argument("words", nargs="*", metavar="TITLE",
                            help="the movie: a title of either catalogue (quoted, or as several "
                                 "words; exact in any case, else the best match) or an IMDb, "
                                 "TMDB or Letterboxd link")
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--movie", metavar="TITLE", type=title,
                           help="the same as TITLE")
        which.add_argument("--tmdb-id", type=an_id, metavar="ID", help="a TMDB id")
        which.add_argument("--movielens-id", type=an_id, metavar="ID", help="a MovieLens id")
        which.add_argument("--movie-id", type=an_id, metavar="ID", help=argparse.SUPPRESS)  # old
    elif needs is Need.USER:
        parser.add_argument("positional_user", nargs="?", type=an_id, metavar="USER",
                            help="a MovieLens user id")
        parser.add_argument("--user", type=an_id, help="the same as USER")
    elif needs is Need.PERSON:
        parser.add_argument("words", nargs="*", metavar="NAME",
                            help="a director's or an actor's name (quoted, or as several "
                                 "words), in any case or accents")
        parser.add_argument("--name", type=person, help="the same as NAME")
    elif needs is Need.GROUP:
        parser.add_argument("--me", action="store_true",
                            help="you, from your ratings (the --profile before the command, "
                                 "else the default)")
        parser.add_argument("--user", type=an_id, action="append", default=[], dest="users",
                            metavar="ID", help="a MovieLens user id; repeat for each")
        parser.add_argument("--profile", "--friend", action="append", default=[],
                            dest="guests", metavar="FILE",
                            help="someone's ratings, as `profile export` writes them, their "
                                 "Letterboxd or IMDb ratings export, or their whole "
                                 "Letterboxd export (zip or folder); or the name of a friend "
                                 "kept in your friends folder (sam); repeat for each")
        parser.add_argument("--group-by", choices=[way.value for way in GroupBy],
                            default=GroupBy.LEAST_MISERY.value,
                            help="order by the lowest of everyone's predicted stars (least-"
                                 "misery, the default) or by their average")
    parser.add_argument("--genre", help="only this genre (TMDB or MovieLens name, e.g. "
                                        "Drama, Sci-Fi)")
    parser.add_argument("--without-genre", action="append", default=[], metavar="GENRE",
                        dest="without", help="no movie of this genre (e.g. Horror); repeat for "
                                             "several")
    parser.add_argument("--years",
                        help="a range such as 1990-1999, 1990-, 1994, 1990s, 90s or 'before 1980'")
    parser.add_argument("--runtime",
                        help="minutes, a range such as 90-120, -100, 150-, 'under 100' or 1h30-2h")
    parser.add_argument("--language",
                        help="the original language: a name (french) or a code (fr, fra)")
    parser.add_argument("--min-votes", metavar="N", help="at least N TMDB votes (100, 1k)")
    if leaves_out_yours:
        parser.add_argument("--include-seen", action="store_true",
                            help=LEARNS_FROM_YOURS if needs is Need.PROFILE else
                            "also movies you rated, saw or hid (left out by default), each "
                            "marked: [rated 4.5], [seen], [not interested]")
        parser.add_argument("--only-watchlist", action="store_true",
                            help="only the movies on your watchlist (at a movie night, on "
                                 "anyone's there), best first: what to watch tonight")
    parser.add_argument("--discovery", metavar="X", help="0 (obvious: the model's order, the "
                        "default, whatever the app's d chose) to 1 (adventurous: less known and "
                        "more varied picks, none predicted below 3 stars)")
    parser.add_argument("--more", action="append", default=[], metavar="KEYWORD",
                        help="more of a genre or TMDB keyword the list's movies carry (e.g. "
                             "space); repeat for several")
    parser.add_argument("--less", action="append", default=[], metavar="KEYWORD",
                        help="less of a genre or keyword (e.g. violence)")
    count_option(parser)
    parser.add_argument("--json", action="store_true", help="print JSON")
    export_as_options(parser, "the list")


# For you learns from what you rated or saw, and never lists it; --include-seen and `i` show
# again only what you hid there.
LEARNS_FROM_YOURS = ("also movies you hid (left out by default); what you rated or saw, For you "
                     "learns from and never lists")


# argparse's own is eleven lines, and wider than 80 columns where it cannot break the movie's
# three ways apart.
_MOVIE_USAGE = "%(prog)s TITLE [options]\n       %(prog)s --tmdb-id ID | --movielens-id ID"


def add_commands(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    recommend = commands.add_parser("recommend", parents=[common], help="print recommendations",
                                    description="Print one strategy's recommendations.")
    parsers = recommend.add_subparsers(dest="strategy", metavar="STRATEGY", required=True)
    for strategy in STRATEGIES:
        # A group's --profile is a guest's file (repeated), not yours, which is still given
        # before the command's name.
        parents = [common_options(suppress=True, yours=False)
                   if strategy.needs is Need.GROUP else common]
        parser = parsers.add_parser(strategy.name, parents=parents, help=strategy.summary,
                                    usage=_MOVIE_USAGE if strategy.needs.movie else None)
        _add_questions(parser, strategy.needs, strategy.leaves_out_yours)
    content = parsers.add_parser(CONTENT, parents=[common], usage=_MOVIE_USAGE,
                                 help=f"movies like a given one (--by "
                                      f"{' or '.join(s.name for s in MOVIE_STRATEGIES)})")
    content.add_argument("--by", choices=[s.name for s in MOVIE_STRATEGIES],
                         default=MOVIE_STRATEGIES[0].name,
                         help=", ".join(f"{s.name}: {s.summary}" for s in MOVIE_STRATEGIES))
    _add_questions(content, Need.MOVIE, True)


def _ask(args: argparse.Namespace, strategy: Strategy, engine: Engine,
         ctx: BuildContext) -> tuple[Ask, str | None]:
    """What the options ask `strategy`, and what to say of the list once it is there (what
    it leaves out: said before, it came before a failure to load any list); a movie title
    is resolved here and said on stderr."""
    _named(args, strategy)
    why = engine.unavailable(strategy)
    if why is not None:  # before its question: no title is looked up in a catalogue not there
        raise UsageError(why)
    ask = _drawn(args)  # a mistyped option is said before anything is read or printed
    wanted = ask.chart_filter  # so is a genre no movie has
    genre = None if wanted.genre is None else engine.genre_named(strategy, wanted.genre, ctx)
    without = tuple(dict.fromkeys(engine.genre_named(strategy, name, ctx)
                                  for name in wanted.without))
    if genre in without:
        raise UsageError(f"--genre and --without-genre both name {genre}; keep one of them")
    ask = replace(ask, chart_filter=replace(wanted, genre=genre, without=without))
    if strategy.needs is Need.PERSON:  # so is a name no one has
        person, also = engine.model(strategy, ctx).named(args.name)
        ask = replace(ask, person=person)
        then(f"{strategy.name}: {films_of(person)}:", also)  # as the catalogue spells it
    group = strategy.needs is Need.GROUP
    theirs: dict[str, Marks] = {}  # the others' marks, at a movie night
    if group:  # and a user no one is, before the group is said
        users = engine.index(ctx).users
        for user in args.users:
            users.check(user)
        # Each person once: a file named twice is one guest, and your own profile is you.
        asked = len(args.users) + len(args.guests) + args.me
        guests, own = others(_guests(args.guests, args.profile),
                             paths.profile_path(args.profile))
        args.me, args.guests = args.me or own is not None, guests
    yours = strategy.leaves_out_yours and (not group or args.me)  # a group without you: none
    profile = (load_profile(paths.profile_path(args.profile))  # read once, for both uses
               if strategy.needs is Need.PROFILE or yours or (group and args.me) else None)
    marks = (load_marks(paths.marks_path(args.profile))  # For you's seen, what is left out
             if strategy.needs is Need.PROFILE or yours else None)
    if strategy.needs.movie:
        from tui_recsys.engine.catalog import finding

        movies = engine.index(ctx).movies  # read (or built) with its progress shown
        rated = strategy.needs is Need.RATED_MOVIE
        if args.movie_id is not None:  # meant the id of the catalogue the strategy compares in
            now = "--movielens-id" if rated else "--tmdb-id"
            say(f"--movie-id is now {now}")
            args.movielens_id, args.tmdb_id = ((args.movie_id, None) if rated
                                               else (None, args.movie_id))
        if args.movie is None:
            choice = finding.movie_by_id(movies, strategy.needs, tmdb_id=args.tmdb_id,
                                         movielens_id=args.movielens_id)
        else:
            choice = (finding.find_rated_movie if rated else finding.find_movie)(movies,
                                                                                 args.movie)
        say(choice.note or f"{strategy.name}: like {choice.title} "
                           f"({choice.year or 'no year'}, {strategy.needs.catalogue} id "
                           f"{choice.movie_id}):")
        ask = replace(ask, **{"movielens_id" if rated else "movie_id": choice.movie_id})
    elif strategy.needs is Need.USER:
        ask = replace(ask, user_id=args.user)
    elif strategy.needs is Need.PROFILE:
        from tui_recsys.engine.catalog.your_ratings import for_you_asked, seen_unrated
        from tui_recsys.engine.models.quick_start import UNTIL

        assert profile is not None and marks is not None
        unrated = len(seen_unrated(profile, marks))
        marked = f" and the {unrated:,} you marked seen without rating" if unrated else ""
        say(f"for you, from your {plural(len(profile), 'rating')} in {profile.path}{marked}:")
        if len(profile) < UNTIL:
            say(f"{UNTIL} ratings make For you good: `tui-recsys quick-start` lists eight movies "
                f"to rate next")
        ask = for_you_asked(ask, profile, marks)
    elif group:
        members, theirs = _group(args, engine, profile, marks, asked)
        ask = replace(ask, group=members, group_by=GroupBy(args.group_by),
                      only_flagged=args.only_watchlist)  # anyone's watchlist there
    counted: list[str] = []
    learned: list[str] = []
    if yours:
        assert marks is not None
        assert profile is not None
        ask, learned, counted = _yours(ask, marks, profile, args.only_watchlist,
                                       include_seen=args.include_seen,
                                       learns=strategy.needs is Need.PROFILE)
    if theirs and args.include_seen:  # what the others at a movie night saw or hid
        from tui_recsys.engine.catalog.your_ratings import noted_with_theirs

        ask = replace(ask, noted=noted_with_theirs(ask.noted, theirs.items()))
    elif theirs:
        from tui_recsys.engine.catalog.your_ratings import seen_or_hidden

        for name, kept in theirs.items():
            ask = replace(ask, left_out=ask.left_out | seen_or_hidden(kept))
            counted.append(f"{len(kept.of(SEEN)) + len(kept.of(HIDDEN)):,} {name} saw or hid")
    return ask, _left_out(ask.group, learned, counted)


def _guests(typed: list[str], profile: str | None) -> list[Path]:
    """Each `--profile FILE`, or where no file is named so, the friend of that name kept in
    the friends folder (`--friend sam` for friends/letterboxd-sam-2026-12-01-09-30-utc.zip),
    as the app's Users list names them; the folder is read once, where a name needs it."""
    named = [paths.expand(path, "a profile") for path in typed]
    if all(path.exists() for path in named):
        return named
    folder = paths.friends_folder(profile)
    kept = kept_friends(folder)[0]
    guests = []
    for words, path in zip(typed, named, strict=True):
        friend = path if path.exists() else friend_named(words, kept)
        if friend is None and kept:
            raise UsageError(f"{echo(words)}: no such file, nor a friend of that name in "
                             f"{folder} ({', '.join(guest_names(kept))}); name someone's "
                             f"ratings file")
        guests.append(friend or path)
    return guests


def _named(args: argparse.Namespace, strategy: Strategy) -> None:
    """The movie, person or user named as `rate` and `seen` name one, by words (`recommend
    story the godfather` was refused: only --movie was), into `args.movie`, `args.name` or
    `args.user`; named twice or not at all, a usage error that shows how."""
    words = " ".join(getattr(args, "words", ())).strip()
    command = f"tui-recsys recommend {args.strategy}"
    if strategy.needs is Need.USER:
        if args.positional_user is not None and args.user is not None:
            raise UsageError("name the user once: as USER or with --user, not both")
        if args.positional_user is None and args.user is None:
            raise UsageError(f"{strategy.name} needs a MovieLens user id: `{command} 42`")
        args.user = args.user if args.user is not None else args.positional_user
    elif strategy.needs is Need.PERSON:
        if words and args.name is not None:
            raise UsageError("name the person once: as words or with --name, not both")
        if not words and args.name is None:
            raise UsageError(f'{strategy.name} needs a name: `{command} "Tom Hanks"`')
        args.name = args.name or words
    elif strategy.needs.movie:
        options = [args.movie, args.tmdb_id, args.movielens_id, args.movie_id]
        if words and any(option is not None for option in options):
            raise UsageError("name the movie once: as words or with --movie, --tmdb-id or "
                             "--movielens-id, not both")
        if not words and all(option is None for option in options):
            raise UsageError(f"{strategy.name} needs a movie: `{command} \"the godfather\"`, "
                             f"or --tmdb-id ID or --movielens-id ID")
        args.movie = args.movie or words or None


def _drawn(args: argparse.Namespace) -> Ask:
    """How many, and how the list is drawn: its filters, discovery and tuning."""
    if any(not name.strip() for name in (*args.more, *args.less)):
        raise UsageError("--more and --less each take a genre or a keyword, such as "
                         "--less Action; one was empty")
    more = {name_key(name) for name in args.more}
    both = [name for name in args.less if name_key(name) in more]
    if both:
        raise UsageError(f"--more and --less both name {echo(both[0])}; keep one of them")
    years = parse_years(args.years) if args.years else (None, None)
    runtime = parse_runtime(args.runtime) if args.runtime else (None, None)
    language = parse_language(args.language) if args.language else None
    votes = parse_min_votes(args.min_votes) if args.min_votes else None
    return Ask(k=args.k, chart_filter=MovieFilter(args.genre, years, runtime, language, votes,
                                                  tuple(args.without)),
               discovery=parse_discovery(args.discovery) if args.discovery else 0.0,
               tuning=Tuning(tuple(args.more), tuple(args.less)))


def _group(args: argparse.Namespace, engine: Engine, profile: Profile | None,
           marks: Marks | None, asked: int) -> tuple[tuple[Member, ...], dict[str, Marks]]:
    """The people of a movie night (`args.guests` distinct files, not yours: profiles, or a
    friend's ratings export), each named as the list names them (a file by its name, or its
    path where two share a name) with their watchlist (yours from `marks`); said on stderr,
    with what an export matched. `asked`: how many were named, someone perhaps twice. And by
    name, the marks of those whose own tui-recsys keeps them beside their profile, or whose
    Letterboxd export logs films (what they saw or hid), where there are any."""
    from tui_recsys.engine.catalog.your_ratings import member

    members = ([member(YOU_MEMBER, profile.ratings.values(), marks)]
               if profile is not None else [])  # with no ratings yet too: what you saw or hid
    members += [Member(f"user {user}", user_id=user) for user in dict.fromkeys(args.users)]
    theirs: dict[str, Marks] = {}
    for name, path in zip(guest_names(args.guests), args.guests, strict=True):
        guest, read_as = engine.guest(path)
        if read_as is not None:
            say(f"{name}: {read_as}")
        kept = engine.guest_marks(marks_source(path))
        members.append(member(name, guest.ratings.values(), kept))
        if kept.of(SEEN) or kept.of(HIDDEN):
            theirs[name] = kept
    if len(members) < MIN_GROUP:
        raise UsageError(f"together needs at least {MIN_GROUP} people: pass --user ID or "
                         f"--profile FILE for each, and --me for yourself"
                         + ("; one named twice counts once"
                            if asked > len(members) else ""))
    say(f"together, by {args.group_by}: {', '.join(member.name for member in members)}")
    return tuple(members), theirs


def _yours(ask: Ask, marks: Marks, profile: Profile, only_watchlist: bool, *,
           include_seen: bool, learns: bool) -> tuple[Ask, list[str], list[str]]:
    """Your watchlist flagged, and (unless --include-seen, which shows them marked) what you
    rated, saw or hid left out; each counted where there is any ("6 you rated"), those For
    you (`learns`) learns from and never lists apart from those --include-seen shows again:
    For you said "the 11 you rated (--include-seen shows them)", and it showed none."""
    from tui_recsys.engine.catalog.your_ratings import yours_asked

    ask = yours_asked(ask, marks, profile, only_watchlist=only_watchlist,
                      include_seen=include_seen)
    rated = (0 if ask.group else len(profile), "you rated")
    seen, hidden = (len(marks.of(SEEN)), "seen"), (len(marks.of(HIDDEN)), "not wanted")
    learned = [rated, seen] if learns else []
    again = [] if include_seen else [hidden] if learns else [rated, seen, hidden]
    return ask, _counted(learned), _counted(again)


def _counted(counts: list[tuple[int, str]]) -> list[str]:
    """Each count there is any of, with what it counts: "6 you rated"."""
    return [f"{count:,} {what}" for count, what in counts if count]


def _left_out(group: tuple[Member, ...], learned: list[str], yours: list[str]) -> str | None:
    """The line that says what a list leaves out: `yours` counted ("6 you rated", "1 seen"),
    which --include-seen shows again, and `learned`, what For you learns from and never
    lists; and on a movie night, what anyone in the `group` rated, which it never does (the
    list said only yours, and left out everyone's)."""
    parts = [f"what {listed([member.name for member in group])} rated"] if group else []
    if learned:
        parts.append(f"the {listed(learned)} (For you learns from them)")
    if yours:
        parts.append(f"the {listed(yours)} (--include-seen shows {'those' if group else 'them'})")
    return f"left out: {', and '.join(parts)}" if parts else None


def _stdout_format(args: argparse.Namespace) -> None:
    """`--format csv` alone prints the list as CSV (`stdout_format`), and `--json --export -`
    prints JSON (it printed CSV); asked for two formats, says so."""
    stdout_format(args)
    if args.json and args.file == "-":
        if args.format not in (None, "json"):
            raise UsageError(f"--json and --format {args.format} ask for two formats; give one")
        args.format = "json"


def run(args: argparse.Namespace, engine: Engine) -> None:
    from tui_recsys.cli import output
    from tui_recsys.engine.build_context import BuildContext

    strategy = engine.strategy(args.by if args.strategy == CONTENT else args.strategy)
    _stdout_format(args)
    if args.file is not None:
        export_target(args)  # a refused file is said before a model is built for it
    ctx = BuildContext(progress=output.ProgressPrinter(lines=False))
    ask, left_out = _ask(args, strategy, engine, ctx)
    answer = engine.recommend(strategy, ask, ctx)
    for line in (left_out, answer.note):
        if line:
            say(line)
    if args.file is not None:
        items = answer.items
        write_export(args, lambda: picks_csv(items),
                     lambda: engine.films(items),
                     lambda: [item.as_dict(rank) for rank, item in enumerate(items, 1)],
                     plural(len(items), "pick"))
        if args.file == "-":
            return
    if args.json:
        write_stdout(output.recommendations_json(answer.items))
        return
    if answer.favourites:
        say(f"{answer.favourites_title}:")
        print(output.recommendations_table(answer.favourites, sys.stderr), file=sys.stderr)
        say(f"top {plural(len(answer.items), 'pick')}:")
    write_stdout(output.recommendations_table(answer.items, sys.stdout))
