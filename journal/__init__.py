"""The proof-of-display journal: an append-only, hash-chained SQLite log of what a screen showed.

Pure (no Qt, no runtime): the kiosk's writer thread appends through ``JournalStore``; ``verify``
checks a file; ``report`` turns it into an attestation for one act. Signing is a parameter: the
device key never enters this package, only a ``sign(bytes) -> bytes`` function and the public key.
"""


class JournalError(Exception):
    """A journal file that cannot be opened, read or written as a journal (message says which and why)."""
