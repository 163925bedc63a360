"""The one exception type that stance shows to users as a one-line error."""

from __future__ import annotations


class StanceError(ValueError):
    """A problem with the user's input or files, explained in one line.

    A ``ValueError``, since every one of them is a value the caller passed (a path, a spec, a
    number) that cannot be used. The message names no command-line option: the library does
    not know whether a person typed one. ``param`` names the setting at fault (the Python
    parameter: ``"force"``, ``"encoding"``, ``"scheduler"``, ...; ``"plot_dir"`` for plots),
    so that a front end can say how to set it there: the CLI prints the message, prefixed with
    ``stance: error:`` and with the option's hint, and exits with status 2.
    """

    def __init__(self, message: str, *, param: str | None = None) -> None:
        super().__init__(message)
        self.param = param
