import QtQuick

// The pairing card: the code an administrator types into kioskctl, the certificate fingerprint to
// compare with what kioskctl shows, and the address that asked. A corner card, never the whole
// screen: what the screen shows the public (an H2S alert, the bathing flag) stays readable while
// someone pairs. `view` is the PairingView, or null when the screen has no management API.
Rectangle {
    id: card
    property QtObject view: null
    property real unit: 16  // the caller sizes it from the window

    readonly property string code: view ? view.code : ""
    visible: view !== null && view.showing
    width: content.width + unit * 2
    height: content.height + unit * 1.6
    radius: unit * 0.5
    color: "#f2101c2b"
    border.color: "#ffd24a"
    border.width: Math.max(2, unit * 0.15)

    Column {
        id: content
        anchors.centerIn: parent
        spacing: card.unit * 0.35
        Text {
            text: "Appairage administrateur · Administrator pairing"
            color: "#ffffff"
            font.pixelSize: card.unit
        }
        Text {
            text: card.code.substring(0, 3) + " " + card.code.substring(3)
            color: "#ffffff"
            font.pixelSize: card.unit * 3.2
            font.bold: true
            font.family: "DejaVu Sans Mono"
        }
        Text {
            text: "Empreinte · Fingerprint  " + (card.view ? card.view.fingerprint : "")
            color: "#d6e4f0"
            font.pixelSize: card.unit * 0.9
            font.family: "DejaVu Sans Mono"
        }
        Text {
            text: "Demandé par · Asked by  " + (card.view ? card.view.requestedBy : "")
            color: "#d6e4f0"
            font.pixelSize: card.unit * 0.9
            textFormat: Text.PlainText
        }
    }
}
