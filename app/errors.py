"""Domain errors. The CLI and UI turn each into one plain line for the user."""


class AdvisorError(Exception):
    """Base class: its message is shown to the user as is."""


class CorpusError(AdvisorError):
    """The corpus files are missing, malformed or fail validation."""


class IndexUnavailable(AdvisorError):
    """The index cannot be built or opened."""


class InvalidInput(AdvisorError):
    """A user-supplied value is out of range or malformed."""


class CurrencyMismatch(InvalidInput):
    """The person's amounts are in another currency than the program's; amounts are never converted."""


class UnknownProgram(InvalidInput):
    """A program name matched no program id (the user's input, so a usage error)."""
