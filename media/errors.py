class MediaError(Exception):
    """Base of every error raised by the media package."""


class CacheFull(MediaError):
    """The cache cannot take a file without breaking its byte budget or the free-space guard."""


class PreparationFailed(MediaError):
    """A file could not be turned into something the screen can show; the message says why."""
