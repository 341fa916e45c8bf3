"""Alerts are spoken as well as shown: in French, then in English when the alert has English text.

Safety content is spoken whether or not the visitor switched speech on; a touch or key still stops
it (the visitor acted, the alert stays on screen).
"""

from collections.abc import Callable
from typing import Any

from kiosk.alerts_display import display

Speak = Callable[[str, str], None]


def _spoken(shown: dict[str, Any]) -> str:
    return ". ".join(str(x) for x in (shown.get("headline"), shown.get("instruction")) if x)


def alert_speaker(access: Any, showing: Callable[[], list[Any]]) -> Speak:
    """``on_speak(text, lang)`` for the AlertCenter: ``showing()`` gives the held alerts, front first."""

    def speak(text: str, lang: str) -> None:
        held = showing()
        french = display(held, "fr") if held else {}
        utterances = [(_spoken(french) or text, "fr")]
        if french.get("hasEnglish"):
            utterances.append((_spoken(display(held, "en")), "en"))
        access.say_now(utterances)

    return speak
