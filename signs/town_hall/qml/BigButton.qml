import QtQuick

// A large button for a touch screen and a keypad: it darkens at once under the finger (the visible
// feedback), acts on release (TapHandler's tap), shows a thick focus ring, Enter or Space presses it.
Rectangle {
    id: button
    property alias text: label.text
    property string hint: ""  // what it does, for speech
    property string pictogram: ""
    property QtObject pal: THPalette {}
    property color fill: pal.accent
    property color ink: pal.accentInk
    property bool vertical: false
    property real labelSize: pal.body
    property bool fit: false  // shrink a word that does not fit its width (never below the normal size) instead of cutting it
    readonly property bool down: tap.pressed
    signal clicked()
    activeFocusOnTab: true  // hidden items are skipped by the focus chain anyway
    implicitWidth: Math.max(label.implicitWidth + pal.body * 1.6 + (icon.visible && !vertical ? icon.width + pal.body * 0.5 : 0), pal.target)
    implicitHeight: Math.max(pal.target, vertical ? label.implicitHeight + icon.height + pal.body * 1.8 : label.implicitHeight + pal.body)
    radius: pal.body * 0.35
    color: down ? pal.pressed : fill
    border.color: activeFocus ? pal.focus : (pal.highContrast ? pal.ink : fill)
    border.width: activeFocus ? pal.focusWidth : 2
    Accessible.role: Accessible.Button
    Accessible.name: label.text
    Accessible.description: hint

    Pictogram {
        id: icon
        visible: button.pictogram !== ""
        name: button.pictogram
        ink: button.down && button.pal.highContrast ? "#000000" : button.ink
        width: button.vertical ? Math.min(button.width * 0.4, button.pal.base * 3.2) : button.pal.body * 1.6
        height: width
        x: button.vertical ? (button.width - width) / 2 : button.pal.body * 0.7
        // vertical: the pictogram and the words centred together
        y: button.vertical ? Math.max(button.pal.body * 0.4, (button.height - height - label.implicitHeight - button.pal.body * 0.3) / 2)
                           : (button.height - height) / 2
    }
    Text {
        id: label
        x: button.vertical || !icon.visible ? button.pal.body * 0.5 : icon.x + icon.width + button.pal.body * 0.4
        width: button.width - x - button.pal.body * 0.5
        anchors.top: button.vertical && icon.visible ? icon.bottom : undefined
        anchors.topMargin: button.pal.body * 0.3
        anchors.verticalCenter: button.vertical && icon.visible ? undefined : button.verticalCenter
        textFormat: Text.PlainText
        color: button.down && button.pal.highContrast ? "#000000" : button.ink
        font.pixelSize: button.labelSize
        font.bold: true
        fontSizeMode: button.fit ? Text.HorizontalFit : Text.FixedSize
        minimumPixelSize: Math.min(button.labelSize, button.pal.base)
        wrapMode: Text.WordWrap
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        elide: Text.ElideRight
        maximumLineCount: 3
    }
    // longPressThreshold 0: a slow press (a hesitant finger) still acts on release, never turns into a long press.
    TapHandler { id: tap; gesturePolicy: TapHandler.ReleaseWithinBounds; longPressThreshold: 0; onTapped: button.clicked() }
    Keys.onReturnPressed: button.clicked()
    Keys.onEnterPressed: button.clicked()
    Keys.onSpacePressed: button.clicked()
}
