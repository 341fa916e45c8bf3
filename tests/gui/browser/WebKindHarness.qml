import QtQuick
import QtQuick.Window

// The web item kind's view (signs/widgets/web/WebView.qml) as the player shows it.
Window {
    id: harness
    width: 640
    height: 360
    visible: true
    property var descriptor: null
    property string outcome: ""
    Item { id: host; property bool active: true; anchors.fill: parent }
    onDescriptorChanged: {
        const component = Qt.createComponent(Qt.resolvedUrl(viewUrl))
        const view = component.createObject(host, {"descriptor": descriptor, "host": host})
        view.ready.connect(() => harness.outcome = "ready")
        view.failed.connect(reason => harness.outcome = "failed " + reason)
    }
}
