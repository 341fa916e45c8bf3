import QtQuick
import QtQuick.Window

// The screen: two scene slots (the one in front, and a new layout preparing beneath it),
// scaled to the window, and the branded recovery screen when no layout can play.
Window {
    id: window
    title: "Istres kiosk"
    color: "#000000"
    visible: true


    Item {
        id: stage
        readonly property QtObject frontScene: player.front === 0 ? player.scene0 : player.scene1
        readonly property int layoutWidth: frontScene ? frontScene.width : window.width
        readonly property int layoutHeight: frontScene ? frontScene.height : window.height
        readonly property bool quarterTurn: frontScene ? (frontScene.rotation % 180) !== 0 : false
        width: layoutWidth
        height: layoutHeight
        anchors.centerIn: parent
        rotation: frontScene ? frontScene.rotation : 0
        scale: Math.min(window.width / (quarterTurn ? layoutHeight : layoutWidth),
                        window.height / (quarterTurn ? layoutWidth : layoutHeight))

        SceneView { scene: player.scene0; z: player.front === 0 ? 2 : 1 }
        SceneView { scene: player.scene1; z: player.front === 1 ? 2 : 1 }
    }

    // Pairing: the code an administrator types into kioskctl, and the certificate fingerprint
    // to compare with what kioskctl shows. Over everything, only while a pairing is open.
    Rectangle {
        anchors.fill: parent
        visible: pairingView.showing
        z: 20
        color: "#e6000000"
        Column {
            anchors.centerIn: parent
            spacing: window.height * 0.03
            Text {
                anchors.horizontalCenter: parent.horizontalCenter
                text: "Appairage administrateur · Administrator pairing"
                color: "#ffffff"
                font.pixelSize: Math.max(18, window.height * 0.04)
            }
            Text {
                anchors.horizontalCenter: parent.horizontalCenter
                text: pairingView.code.substring(0, 3) + " " + pairingView.code.substring(3)
                color: "#ffffff"
                font.pixelSize: Math.max(40, window.height * 0.16)
                font.bold: true
                font.family: "DejaVu Sans Mono"
            }
            Text {
                anchors.horizontalCenter: parent.horizontalCenter
                text: "Empreinte · Fingerprint  " + pairingView.fingerprint
                color: "#d6e4f0"
                font.pixelSize: Math.max(16, window.height * 0.035)
                font.family: "DejaVu Sans Mono"
            }
        }
    }

    Recovering {
        anchors.fill: parent
        visible: player.recovering
        z: 10
    }
}
