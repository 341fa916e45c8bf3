import QtQuick

// A large button of the browser's panels (at least 64 px high), activated on release.
Rectangle {
    id: button
    property string label: ""
    signal activated()
    width: Math.max(180, caption.implicitWidth + 48)
    height: 72
    radius: 12
    color: tap.pressed ? "#0d2a5c" : "#1a3d7c"
    Text {
        id: caption
        anchors.centerIn: parent
        text: button.label
        textFormat: Text.PlainText
        color: "white"
        font.pixelSize: 28
        font.bold: true
    }
    TapHandler {
        id: tap
        onTapped: button.activated()
    }
}
