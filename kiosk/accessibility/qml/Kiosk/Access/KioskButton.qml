import QtQuick

// A control for every visitor: a target of at least 64 px (WCAG 2.5.5 asks 44), activated on release
// inside it (a slip off the button cancels), by Enter/Space on a keypad, or by a screen reader's
// press action. A visible focus ring; when speech is on, taking the focus speaks its name and its
// description (kiosk.accessibility.focus_speech, for every named control of the window).
// Its label wraps and the button grows with the text scale instead of cutting the text.
Item {
    id: root
    property string text: ""
    property string description: ""     // said after the name, e.g. what the tile opens
    property real basePixelSize: 26
    property real minTarget: 64          // px: above WCAG 2.5.5's 44
    property real padding: 16
    property bool primary: true          // false: outlined, for secondary actions
    signal activated()

    readonly property QtObject access: (typeof accessibility !== "undefined") ? accessibility : null
    readonly property var colors: access ? access.colors : ({ background: "#ffffff", text: "#1a1a1a", button: "#0a5aa0",
                                                             buttonText: "#ffffff", focus: "#b34700" })
    readonly property bool pressed: tap.pressed

    implicitWidth: Math.max(minTarget, label.implicitWidth + 2 * padding)
    implicitHeight: Math.max(minTarget, label.contentHeight + padding)
    activeFocusOnTab: true
    Accessible.role: Accessible.Button
    Accessible.name: text
    Accessible.description: description
    Accessible.focusable: true
    Accessible.onPressAction: root.activated()

    Rectangle {
        id: face
        anchors.fill: parent
        radius: 10
        color: root.primary ? root.colors.button : root.colors.background
        border.width: root.primary ? 0 : 3
        border.color: root.colors.button
        opacity: root.pressed ? 0.8 : 1.0
    }

    Text {
        id: label
        x: root.padding
        width: root.width - 2 * root.padding
        anchors.verticalCenter: parent.verticalCenter
        text: root.text
        color: root.primary ? root.colors.buttonText : root.colors.text
        font.pixelSize: Math.round(root.basePixelSize * (root.access ? root.access.textScale : 1.0))
        font.bold: true
        wrapMode: Text.Wrap
        horizontalAlignment: Text.AlignHCenter
        Accessible.ignored: true
    }

    FocusRing {
        target: root
        color: root.colors.focus
        gap: root.colors.background
    }

    TapHandler {
        id: tap
        gesturePolicy: TapHandler.ReleaseWithinBounds   // activation on release, inside the control
        onTapped: root.activated()
    }

    Keys.onPressed: (event) => {
        if (event.key === Qt.Key_Return || event.key === Qt.Key_Enter || event.key === Qt.Key_Space)
            event.accepted = true       // acted on at release, like a touch
    }
    Keys.onReleased: (event) => {
        if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter || event.key === Qt.Key_Space) && !event.isAutoRepeat) {
            event.accepted = true
            root.activated()
        }
    }
}
