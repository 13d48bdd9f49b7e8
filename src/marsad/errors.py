"""One catalogue of the errors the library raises. The CLI maps them to exit codes.

Every message is one line a user can act on; the library never prints or exits.
"""
from __future__ import annotations


class MarsadError(Exception):
    """Base of every error marsad raises on purpose."""
    exit_code = 1
    record_id: str | None = None  # set by batch analysis: which record failed

    def __reduce__(self):
        # Subclasses build their message from other arguments; rebuild from the message itself
        # so an error crosses a process boundary (nlp.pipe with n_process > 1) unchanged.
        return _rebuild, (type(self), str(self), self.record_id)


def _rebuild(cls: type, message: str, record_id: str | None) -> "MarsadError":
    err = Exception.__new__(cls)
    Exception.__init__(err, message)
    err.record_id = record_id
    return err


class InputError(MarsadError):
    """The input cannot be analyzed: the message says why, in one line."""
    exit_code = 2


class EmptyInput(InputError):
    def __init__(self, what: str = "input"):
        super().__init__(f"{what} is empty: nothing to analyze")


class BinaryInput(InputError):
    def __init__(self, what: str = "input", kind: str = "binary data"):
        super().__init__(f"{what} looks like {kind}, not text: give an article as text, HTML or JSONL")


class UndecodableInput(InputError):
    def __init__(self, what: str = "input"):
        super().__init__(f"{what} is in no encoding marsad reads (UTF-8/16, Windows-1256, ISO-8859-6)")


class NotArabic(InputError):
    def __init__(self, what: str = "input"):
        super().__init__(f"{what} contains no Arabic script: marsad analyzes Arabic text")


class BadRecord(InputError):
    def __init__(self, what: str, why: str):
        super().__init__(f"{what}: {why}")


class ConfigError(MarsadError):
    """A data file or setting is invalid (raised when the pipeline is built)."""
    exit_code = 3
