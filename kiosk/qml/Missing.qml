import QtQuick

Item {
    anchors.fill: parent
    property var descriptor
    property Item host
    readonly property bool active: host !== null && host.active
    signal ready()
    signal failed(string reason)
    Component.onCompleted: Qt.callLater(failed, "no view for items of kind '" + descriptor.kind + "'")
}
