"""Getting and preparing content (no Qt).

Exceptions::

    MediaError
     +-- CacheFull            (the byte budget or the disk's free space cannot take the file)
     +-- PreparationFailed    (a file is not a usable image: corrupt, unsupported, too many pixels)

Normal network outcomes (not modified, timeout, 404, too big) are not exceptions: ``fetch``
returns a FetchResult saying fetched / not-modified / failed.
"""

from media.errors import CacheFull, MediaError, PreparationFailed

__all__ = ["CacheFull", "MediaError", "PreparationFailed"]
