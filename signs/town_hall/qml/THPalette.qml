import QtQuick

// Colours and sizes of the town-hall kiosk, normal or high contrast, scaled by the large-text factor.
// Normal: dark blue on white (about 15:1), white on the accent blue (6.4:1); high contrast: white and
// yellow on black (over 15:1), focus in cyan.
QtObject {
    property bool highContrast: false
    property real textScale: 1.0
    property real base: 24  // px of body text at scale 1 (set from the view's size)
    readonly property color paper: highContrast ? "#000000" : "#f4f6fa"
    readonly property color card: highContrast ? "#000000" : "#ffffff"
    readonly property color ink: highContrast ? "#ffffff" : "#14213d"
    readonly property color muted: highContrast ? "#ffffff" : "#34425a"
    readonly property color accent: highContrast ? "#ffff00" : "#0b4f96"
    readonly property color accentInk: highContrast ? "#000000" : "#ffffff"
    readonly property color pressed: highContrast ? "#ffffff" : "#062f5c"
    readonly property color bar: highContrast ? "#000000" : "#14213d"
    readonly property color barInk: highContrast ? "#ffffff" : "#ffffff"
    readonly property color acceo: highContrast ? "#ffff00" : "#7a1f6b"
    readonly property color acceoInk: highContrast ? "#000000" : "#ffffff"
    readonly property color ok: highContrast ? "#00ff66" : "#146c2e"
    readonly property color closed: highContrast ? "#ffff00" : "#9a3412"
    readonly property color line: highContrast ? "#ffffff" : "#9fb0c6"
    readonly property color focus: highContrast ? "#00ffff" : "#e85d04"
    readonly property real body: base * textScale
    readonly property real small: base * 0.85 * textScale
    readonly property real title: base * 1.4 * textScale
    readonly property real huge: base * 2.0 * textScale
    readonly property real focusWidth: Math.max(5, base * 0.25)
    readonly property real target: Math.max(88, base * 3.2)  // touch targets: twice the 44 px floor at least
}
