"""Errors a user can act on.

Every message is one line that names the file or value at fault and says what to do; the CLI and
the app show it as it is and never a traceback (the CLI's --debug brings the traceback back).
"""


# How a run ends other than by an error: as a shell reports a program stopped by that signal.
INTERRUPTED = 130  # Ctrl-C (SIGINT)
BROKEN_PIPE = 141  # the reader of stdout went away (SIGPIPE)
TERMINATED = 143  # SIGTERM


class RecsysError(Exception):
    """A failure with a one-line, user-facing explanation."""

    exit_code = 1


class DataError(RecsysError):
    """The input data is missing, unreadable or malformed."""

    exit_code = 2


class NotOurs(DataError):
    """A file named as one of ours (your profile, your marks) whose first row is not ours:
    another program's, an export of Letterboxd's say. Said, and never copied or written."""


class UsageError(RecsysError):
    """A value given on the command line or in the app does not make sense."""

    exit_code = 2


class SourceUnavailable(RecsysError):
    """The data could not be fetched (for instance the Hub is unreachable)."""


class Cancelled(Exception):
    """A build stopped because the caller asked it to; nothing was cached."""
