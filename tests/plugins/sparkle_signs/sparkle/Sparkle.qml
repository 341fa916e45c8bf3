import QtQuick

// The test-only kind's view: its whole area in the item's colour, ready at once.
Rectangle {
    property var descriptor
    property Item host
    signal ready()
    signal failed(string reason)
    anchors.fill: parent
    color: descriptor.color
    Component.onCompleted: Qt.callLater(ready)
}
