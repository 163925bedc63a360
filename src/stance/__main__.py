"""``python -m stance`` is the ``stance`` command."""

from .cli import main

main()
