import QtQuick

// Shown in a region none of whose items can play: branded, calm, never a black hole.
Rectangle {
    color: "#0b3d6b"
    Column {
        anchors.centerIn: parent
        width: parent.width * 0.9
        spacing: parent.height * 0.03
        Text {
            width: parent.width
            text: "Ville d'Istres"
            color: "#ffffff"
            font.pixelSize: Math.max(14, Math.min(parent.width / 14, 110))
            font.bold: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
        }
        Text {
            width: parent.width
            text: "Service en cours de rétablissement"
            color: "#ffffff"
            font.pixelSize: Math.max(12, Math.min(parent.width / 20, 72))
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
        }
        Text {
            width: parent.width
            text: "Service being restored"
            color: "#d6e4f0"
            font.pixelSize: Math.max(10, Math.min(parent.width / 28, 52))
            font.italic: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
        }
    }
}
