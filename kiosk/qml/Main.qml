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

    // Pairing, in the bottom-right corner, over the layout but never over all of it (safety content
    // stays visible). pairingView exists only once the runtime has made it: guarded, not assumed.
    PairingCard {
        view: typeof pairingView === "undefined" ? null : pairingView
        unit: Math.max(12, Math.min(window.width, window.height) * 0.022)
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: unit
        z: 20
    }

    Recovering {
        anchors.fill: parent
        visible: player.recovering
        z: 10
    }
}
