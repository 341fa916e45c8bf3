import QtQuick

// The test-only kind's view: its whole area in the item's colour, ready at once; a tap is a touch.
Rectangle {
    property var descriptor
    property Item host
    signal ready()
    signal failed(string reason)
    signal interacted()
    property int taps: 0
    function resetSession() { taps = 0 }
    TapHandler { onTapped: { parent.taps += 1; parent.interacted() } }
    anchors.fill: parent
    color: descriptor.color
    Component.onCompleted: Qt.callLater(ready)
}
