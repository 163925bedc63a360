"""The one exception type that stance shows to users as a one-line error."""


class StanceError(Exception):
    """A problem with the user's input or files, explained in one line.

    The CLI prints the message (prefixed with ``stance: error:``) and exits with status 2
    instead of a traceback; Python callers can catch it like any other exception.
    """
