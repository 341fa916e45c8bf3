import QtQuick

// The pairing card: the code an administrator types into kioskctl, the certificate fingerprint to
// compare with what kioskctl shows, and the address that asked. It sits in a band at the bottom of
// the screen that Main.qml frees by scaling the layout above it: it covers nothing of the layout.
// `view` is the PairingView, or null when the screen has no management API.
Rectangle {
    id: card
    property var view: null
    property real unit: 16  // the caller sizes it from the window

    readonly property string code: view ? view.code : ""
    visible: view !== null && view.showing
    width: content.width + unit * 2
    height: content.height + unit
    radius: unit * 0.5
    color: "#f2101c2b"
    border.color: "#ffd24a"
    border.width: Math.max(2, unit * 0.15)

    Row {
        id: content
        anchors.centerIn: parent
        spacing: card.unit
        Text {
            anchors.verticalCenter: parent.verticalCenter
            text: card.code.substring(0, 3) + " " + card.code.substring(3)
            color: "#ffffff"
            font.pixelSize: card.unit * 3
            font.bold: true
            font.family: "DejaVu Sans Mono"
            textFormat: Text.PlainText
        }
        Column {
            anchors.verticalCenter: parent.verticalCenter
            spacing: card.unit * 0.25
            Text {
                text: "Appairage administrateur · Administrator pairing"
                color: "#ffffff"
                font.pixelSize: card.unit
                font.bold: true
                textFormat: Text.PlainText
            }
            Text {
                text: "Empreinte · Fingerprint  " + (card.view ? card.view.fingerprint : "")
                color: "#d6e4f0"
                font.pixelSize: card.unit * 0.9
                font.family: "DejaVu Sans Mono"
                textFormat: Text.PlainText
            }
            Text {
                text: "Demandé par · Asked by  " + (card.view ? card.view.requestedBy : "")
                color: "#d6e4f0"
                font.pixelSize: card.unit * 0.9
                textFormat: Text.PlainText
            }
        }
    }
}
