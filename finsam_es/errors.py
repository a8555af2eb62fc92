"""The error hierarchy: every refusal a user can cause is a FinsamError.

Messages are written for a board secretary: they say what is wrong and where,
in one line, with no traceback.
"""


class FinsamError(Exception):
    """A command or an input was refused; the message says why."""


class NotFound(FinsamError):
    """Something named does not exist (a förbund, a meeting, a paragraph)."""


class Refused(FinsamError):
    """A rule of the domain refuses the command."""


class Final(Refused):
    """The record is adjusted (justerat) or the year is closed: it cannot change."""


class InvalidInput(FinsamError):
    """An argument or a journal field has the wrong form."""
