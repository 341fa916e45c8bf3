import QtQuick

// Colours and sizes of the legal-acts views, normal or high contrast, scaled by the large-text factor.
QtObject {
    property bool highContrast: false
    property real textScale: 1.0
    property real base: 20  // px of body text at scale 1 (set from the view's size)
    readonly property color paper: highContrast ? "#000000" : "#ffffff"
    readonly property color panel: highContrast ? "#000000" : "#eef2f7"
    readonly property color ink: highContrast ? "#ffffff" : "#14213d"
    readonly property color muted: highContrast ? "#ffffff" : "#3d4a5c"
    readonly property color accent: highContrast ? "#ffff00" : "#0b5cad"
    readonly property color onAccent: highContrast ? "#000000" : "#ffffff"
    readonly property color line: highContrast ? "#ffffff" : "#b8c4d3"
    readonly property color focus: highContrast ? "#00ffff" : "#e85d04"
    readonly property color warn: highContrast ? "#ffff00" : "#9a3412"
    readonly property real body: base * textScale
    readonly property real small: base * 0.85 * textScale
    readonly property real title: base * 1.35 * textScale
    readonly property real huge: base * 1.9 * textScale
}
