"""How a program's rules say no."""


class Refused(Exception):
    """A participant or mentor asked for something the program's rules do not allow."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message
