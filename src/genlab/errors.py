"""The one exception type that reaches the user as a one-line message (exit code 2)."""


class GenlabError(Exception):
    """A problem with the user's input or environment, explained in one line.

    The message says what is wrong and, where there is one, what to do about it. The CLI prints it
    without a traceback and exits with status 2.
    """


def first_line(error):
    """The first line of an exception's message (or its type's name), for a one-line GenlabError."""
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__
