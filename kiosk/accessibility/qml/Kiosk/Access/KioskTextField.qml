import QtQuick
import QtQuick.Controls.Basic

// A text field in the palette's colours, scaled with the text, with the kiosk's focus ring; typed on
// the on-screen keyboard (KioskInputPanel). Its label is its accessible name (a placeholder alone
// disappears once the visitor types).
TextField {
    id: field
    property string label: placeholderText
    property real basePixelSize: 24
    readonly property QtObject access: (typeof accessibility !== "undefined") ? accessibility : null
    readonly property var colors: access ? access.colors : ({ background: "#ffffff", text: "#1a1a1a", mutedText: "#545454",
                                                             button: "#0a5aa0", focus: "#b34700" })
    font.pixelSize: Math.round(basePixelSize * (access ? access.textScale : 1.0))
    implicitHeight: Math.max(64, contentHeight + 24)
    leftPadding: 14
    rightPadding: 14
    color: colors.text
    placeholderTextColor: colors.mutedText
    selectionColor: colors.button
    selectedTextColor: colors.background
    inputMethodHints: Qt.ImhNoPredictiveText   // nothing learnt from one visitor is offered to the next
    Accessible.name: label

    background: Rectangle {
        radius: 8
        color: field.colors.background
        border.width: 3
        border.color: field.colors.text
    }

    FocusRing {
        target: field
        color: field.colors.focus
        gap: field.colors.background
    }
}
