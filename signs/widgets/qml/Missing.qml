import QtQuick

Item {
    property var descriptor
    property bool active: false
    signal ready()
    signal failed(string reason)
    Component.onCompleted: Qt.callLater(failed, "no view for items of kind '" + descriptor.kind + "'")
}
