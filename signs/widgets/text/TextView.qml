import QtQuick

// Plain text, wrapped and shrunk to fit the region rather than cut off.
Rectangle {
    anchors.fill: parent
    property var descriptor
    property Item host
    readonly property bool active: host !== null && host.active
    signal ready()
    signal failed(string reason)
    color: descriptor.background !== "" ? descriptor.background : "transparent"

    Text {
        textFormat: Text.PlainText  // outside text (set_by, names) is never markup
        anchors.fill: parent
        anchors.margins: Math.min(parent.width, parent.height) * 0.04
        text: descriptor.text
        color: descriptor.color
        font.family: descriptor.font_family
        font.pixelSize: descriptor.font_size_px
        font.bold: descriptor.bold
        wrapMode: Text.WordWrap
        fontSizeMode: Text.Fit
        minimumPixelSize: 10
        horizontalAlignment: descriptor.align === "left" ? Text.AlignLeft : descriptor.align === "right" ? Text.AlignRight : Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
    }
    Component.onCompleted: Qt.callLater(ready)
}
