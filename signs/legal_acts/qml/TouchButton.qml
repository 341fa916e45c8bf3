import QtQuick

// A button for a touch screen and a keypad: large, a visible focus ring, Enter or Space presses it.
Rectangle {
    id: button
    property alias text: label.text
    property QtObject pal: ActsPalette {}  // replaced by the view's; never null while bindings start
    property bool enabledButton: true
    signal clicked()
    activeFocusOnTab: enabledButton
    implicitWidth: Math.max(label.implicitWidth + pal.body * 1.6, pal.body * 3)
    implicitHeight: pal.body * 2.6
    radius: pal.body * 0.3
    color: enabledButton ? pal.accent : pal.panel
    border.color: activeFocus ? pal.focus : (enabledButton ? pal.accent : pal.line)
    border.width: activeFocus ? Math.max(4, pal.body * 0.22) : 2
    opacity: enabledButton ? 1 : 0.55
    Accessible.role: Accessible.Button
    Accessible.name: label.text

    Text {
        id: label
        anchors.centerIn: parent
        width: parent.width - button.pal.body * 0.6
        textFormat: Text.PlainText
        color: button.enabledButton ? button.pal.onAccent : button.pal.muted
        font.pixelSize: button.pal.body
        font.bold: true
        horizontalAlignment: Text.AlignHCenter
        elide: Text.ElideRight
    }
    TapHandler { enabled: button.enabledButton; onTapped: button.clicked() }
    Keys.onReturnPressed: if (enabledButton) button.clicked()
    Keys.onEnterPressed: if (enabledButton) button.clicked()
    Keys.onSpacePressed: if (enabledButton) button.clicked()
}
