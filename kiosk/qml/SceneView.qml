import QtQuick

// One layout: its background and its regions.
Rectangle {
    id: sceneView
    property QtObject scene
    visible: scene !== null
    width: scene ? scene.width : 0
    height: scene ? scene.height : 0
    color: scene ? scene.background : "transparent"

    Repeater {
        model: sceneView.scene ? sceneView.scene.regions : []
        delegate: Region { controller: modelData }
    }
}
