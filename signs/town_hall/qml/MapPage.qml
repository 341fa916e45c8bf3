import QtQuick

// The town map, fitted to the page (no pinch needed: the whole map at once).
Item {
    id: map
    property Item ui
    objectName: "page-map"
    Image {
        anchors.fill: parent
        anchors.margins: map.ui.pal.body
        source: map.ui.descriptor.map
        fillMode: Image.PreserveAspectFit
        asynchronous: true
        Accessible.name: map.ui.tr("Plan de la ville", "Town map")
    }
}
