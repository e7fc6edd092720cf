"""Domain errors. The CLI and UI turn each into one plain line for the user."""


class AdvisorError(Exception):
    """Base class: its message is shown to the user as is."""


class CorpusError(AdvisorError):
    """The corpus files are missing, malformed or fail validation."""


class IndexUnavailable(AdvisorError):
    """The index cannot be built or opened."""


class InvalidInput(AdvisorError):
    """A user-supplied value is out of range or malformed."""


class UnknownProgram(InvalidInput):
    """A program name matched no program id (the user's input, so a usage error)."""
