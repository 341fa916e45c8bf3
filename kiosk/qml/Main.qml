import QtQuick
import QtQuick.Window
import Kiosk.Access

// The screen: two scene slots (the one in front, and a new layout preparing beneath it),
// scaled to the window, and the branded recovery screen when no layout can play.
// While a pairing code shows, the layout is scaled into the space above a band at the bottom and
// the pairing card sits in that band: nothing of the layout is covered (an H2S alert, the bathing
// flag stay whole and readable), it is only a little smaller for the two minutes a code lasts.
Window {
    id: window
    title: "Istres kiosk"
    color: "#000000"
    visible: true

    Item {
        id: stageArea
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: pairingCard.visible ? pairingBand.top : parent.bottom
    }

    Item {
        id: stage
        readonly property QtObject frontScene: player.front === 0 ? player.scene0 : player.scene1
        readonly property int layoutWidth: frontScene ? frontScene.width : window.width
        readonly property int layoutHeight: frontScene ? frontScene.height : window.height
        readonly property bool quarterTurn: frontScene ? (frontScene.rotation % 180) !== 0 : false
        width: layoutWidth
        height: layoutHeight
        anchors.centerIn: stageArea
        rotation: frontScene ? frontScene.rotation : 0
        scale: Math.min(stageArea.width / (quarterTurn ? layoutHeight : layoutWidth),
                        stageArea.height / (quarterTurn ? layoutWidth : layoutHeight))

        SceneView { scene: player.scene0; z: player.front === 0 ? 2 : 1 }
        SceneView { scene: player.scene1; z: player.front === 1 ? 2 : 1 }
    }

    // The band the pairing card sits in.
    Item {
        id: pairingBand
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        height: pairingCard.height + pairingCard.unit
        visible: pairingCard.visible
    }

    PairingCard {
        id: pairingCard
        view: pairingView
        unit: Math.max(12, Math.min(window.width, window.height) * 0.02)
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: unit / 2
        z: 20
    }

    Recovering {
        anchors.fill: parent
        visible: player.recovering
        z: 10
    }

    // The on-screen keyboard (kiosk.accessibility): above the scene, beneath the alerts.
    KioskInputPanel {
        objectName: "inputPanel"
        anchors.left: parent.left
        anchors.right: parent.right
        z: 25
    }

    // Emergency alerts cover everything, the pairing card included: safety content is never hidden.
    AlertOverlay {
        anchors.fill: parent
        anchors.bottomMargin: center ? center.keptBottomPx : 0  // a touch kiosk keeps its help and Acceo bar
        center: typeof alertCenter === "undefined" ? null : alertCenter
        z: 30
    }
}
