"""The two palettes every view takes its colours from (pure data, checked by tests/unit/test_access_palette.py).

Normal: text >= 4.5:1 on its background, controls >= 3:1 against the page (WCAG 1.4.3, 1.4.11).
High contrast: text >= 7:1 (WCAG 1.4.6, the issue's figure), controls and the focus ring >= 3:1.
The focus colour differs from the button colour so focus is never shown by a colour already in use.
"""

NORMAL = dict(
    background="#ffffff",
    surface="#eef2f6",      # cards and panels on the page
    text="#1a1a1a",         # 17.4:1 on white
    mutedText="#545454",    # 7.6:1 on white, 6.9:1 on the surface
    accent="#0a5aa0",       # links, headings: 7.0:1 on white
    button="#0a5aa0",       # 7.0:1 against the page
    buttonText="#ffffff",   # 7.0:1 on the button
    focus="#b34700",        # 5.3:1 on white: the focus ring around a control
)

HIGH_CONTRAST = dict(
    background="#000000",
    surface="#000000",
    text="#ffffff",         # 21:1
    mutedText="#e6e6e6",    # 16.8:1
    accent="#ffff00",       # 19.6:1
    button="#ffff00",       # 19.6:1 against the page
    buttonText="#000000",   # 19.6:1 on the button
    focus="#00ffff",        # 16.7:1 on black, a colour the page uses nowhere else
)

# Written as dict(...) calls: the roles are plain names (a role is called text, like an item kind).
ROLES = tuple(NORMAL)


def palette(high_contrast: bool) -> dict[str, str]:
    return dict(HIGH_CONTRAST if high_contrast else NORMAL)
