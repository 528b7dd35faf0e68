"""Exceptions raised by the ppb package: one per C status code, each carrying the status, the
detailed C++ error code and ppb's message.

Expected rejections (a voter's bad ballot, an ineligible voter) are not exceptions: they come back
as verdict objects.
"""


class Error(Exception):
    """A ppb call failed.

    Attributes:
        status: the C status code (``PPB_ERR_*`` value, e.g. 3).
        status_name: its name (``"PPB_ERR_PARSE"``).
        code: the detailed, pinned C++ ``ppb::errc`` value (e.g. 103: a vote names an unknown project).
        message: ppb's message, starting with a stable id (``"[ppb.parse_error.103] ..."``).
    """

    status = -1
    status_name = "PPB_ERR_UNKNOWN"

    def __init__(self, message, code=0, status=None):
        super().__init__(message)
        self.message = message
        self.code = code
        if status is not None:
            self.status = status


class InvalidArgumentError(Error, ValueError):
    """A bad argument: an unknown option or rule, a value an option does not take, an index out of range."""

    status, status_name = 1, "PPB_ERR_INVALID_ARGUMENT"


class MisuseError(Error):
    """An object used against its contract, such as a closed election."""

    status, status_name = 2, "PPB_ERR_MISUSE"


class ParseError(Error):
    """Malformed input: a ``.pb`` file or text that ppb refuses (the message names line and reason)."""

    status, status_name = 3, "PPB_ERR_PARSE"


class IoError(Error, OSError):
    """A file cannot be opened or read."""

    status, status_name = 4, "PPB_ERR_IO"


class NoMemoryError(Error, MemoryError):
    """ppb ran out of memory."""

    status, status_name = 5, "PPB_ERR_NOMEM"


class CryptoInitError(Error):
    """The cryptographic library could not be initialised."""

    status, status_name = 6, "PPB_ERR_CRYPTO_INIT"


class InternalError(Error):
    """A bug in ppb; please report it with the message."""

    status, status_name = 7, "PPB_ERR_INTERNAL"


_BY_STATUS = {c.status: c for c in (InvalidArgumentError, MisuseError, ParseError, IoError, NoMemoryError,
                                    CryptoInitError, InternalError)}


def from_status(status, code, message):
    """The exception for a status; an unknown status (a newer library) gives a plain `Error`."""
    cls = _BY_STATUS.get(status)
    if cls is None:
        return Error(message, code, status)
    return cls(message, code)
