import QtQuick

// Body text that follows the visitor's settings: scaled by accessibility.textScale, coloured from
// the palette, wrapped rather than cut (WCAG 1.4.4 resize text, 1.4.10 reflow).
Text {
    readonly property QtObject access: (typeof accessibility !== "undefined") ? accessibility : null
    property real basePixelSize: 24
    property bool muted: false
    font.pixelSize: Math.round(basePixelSize * (access ? access.textScale : 1.0))
    color: access ? (muted ? access.colors.mutedText : access.colors.text) : (muted ? "#545454" : "#1a1a1a")
    wrapMode: Text.Wrap
}
