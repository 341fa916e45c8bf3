"""Text to a WAV with espeak-ng, run in the Jobs pool (never on the GUI thread).

Why espeak-ng directly and not pyttsx3: pyttsx3's espeak driver renders a whole utterance and plays
it with ``aplay`` itself; it cannot be stopped mid-sentence and two ``runAndWait()`` in a row were
seen to hang (ARCHITECTURE.md, Known traps). Here synthesis only produces bytes; playing them is
QtMultimedia's job, whose ``stop()`` is immediate. The text goes in on stdin, never as an argument,
so a text beginning with ``-`` is not an option; SSML is off (no ``-m``).
"""

import shutil
import subprocess
import unicodedata

MAX_TEXT_CHARS = 600          # about 40 s of speech: enough for a screen, bounded memory (~2 MB WAV)
MAX_WAV_BYTES = 8 * 1024 * 1024
SYNTH_TIMEOUT_S = 10.0
VOICES = {"fr": "fr", "en": "en"}  # espeak-ng roa/fr (France) and gmw/en (British English)
WORDS_PER_MINUTE = {False: 160, True: 120}  # normal, slow mode


class SynthesisError(RuntimeError):
    """espeak-ng is missing, failed, timed out or produced something that is not a bounded WAV."""


def clean_text(text: object) -> str:
    """Plain text, bounded: control characters become spaces, no brackets for espeak's phoneme input."""
    if not isinstance(text, str):
        return ""
    kept = []
    for ch in text[: MAX_TEXT_CHARS * 2]:
        category = unicodedata.category(ch)
        kept.append(" " if category.startswith("C") or ch in "[]" else ch)
    return " ".join("".join(kept).split())[:MAX_TEXT_CHARS]


def espeak_binary() -> str | None:
    return shutil.which("espeak-ng")


def synthesise(text: str, lang: str, slow: bool = False) -> bytes:
    """A mono 16-bit WAV of ``text`` (already cleaned) in ``lang``; raises SynthesisError."""
    binary = espeak_binary()
    if binary is None:
        raise SynthesisError("espeak-ng is not installed (apt-get install espeak-ng)")
    voice = VOICES.get(lang, VOICES["fr"])
    command = [binary, "-v", voice, "-s", str(WORDS_PER_MINUTE[bool(slow)]), "--stdout"]
    try:
        done = subprocess.run(command, input=text.encode("utf-8"), capture_output=True, timeout=SYNTH_TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SynthesisError(f"espeak-ng did not finish: {exc}") from exc
    wav = done.stdout
    if done.returncode != 0 or not wav.startswith(b"RIFF") or len(wav) > MAX_WAV_BYTES:
        raise SynthesisError(f"espeak-ng failed (exit {done.returncode}, {len(wav)} bytes)")
    return fix_sizes(wav)


def fix_sizes(wav: bytes) -> bytes:
    """``--stdout`` streams, so its header says 0x7ffff000 bytes: write the real RIFF and data sizes."""
    data_at = wav.find(b"data", 12)
    if data_at < 0 or data_at + 8 > len(wav):
        raise SynthesisError("espeak-ng output has no data chunk")
    body = bytearray(wav)
    body[4:8] = (len(wav) - 8).to_bytes(4, "little")
    body[data_at + 4:data_at + 8] = (len(wav) - data_at - 8).to_bytes(4, "little")
    return bytes(body)
