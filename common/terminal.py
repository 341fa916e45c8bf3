"""Outside text made safe to print: no control characters, no escape sequences, bounded length.

Member names, layout keys, a screen's refusal detail: anything that came from outside may hold a
carriage return or an ANSI escape that repaints the line ("valid bundle"). Print it through
``printable`` and it shows as visible escapes instead.
"""

MAX_SHOWN_CHARS = 200


def printable(text: object, limit: int = MAX_SHOWN_CHARS) -> str:
    """``text`` with every control or unprintable character escaped (\\r, \\x1b, \\u200e...), cut at ``limit``."""
    raw = text if isinstance(text, str) else str(text)
    cut = len(raw) > limit
    shown = raw[:limit]
    escaped = "".join(ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode("ascii") for ch in shown)
    # Lone surrogates (undecodable file names) cannot be printed on a strict UTF-8 terminal.
    escaped = escaped.encode("utf-8", "backslashreplace").decode("utf-8")
    return escaped + (f"... ({len(raw)} characters)" if cut else "")


def quoted(text: object, limit: int = MAX_SHOWN_CHARS) -> str:
    """``printable`` in single quotes, for naming an outside value inside a sentence."""
    return f"'{printable(text, limit)}'"
