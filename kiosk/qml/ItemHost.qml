import QtQuick

// Hosts one item's view. Opaque (the region's background), so the host beneath is hidden
// from the eye but still rendered.
Rectangle {
    id: host
    property int slot
    property QtObject controller
    property int token: 0
    property bool active: false
    readonly property bool loaded: loader.item !== null
    anchors.fill: parent
    color: controller.background
    visible: false

    function load(descriptor) {
        token = descriptor.token
        visible = true
        opacity = 1
        loader.setSource(widgetsUrl + viewFile(descriptor.kind), { "descriptor": descriptor })
        if (loader.status === Loader.Error)
            controller.report_failed(slot, descriptor.token, "the view for '" + descriptor.kind + "' did not load")
    }
    function unload() {
        loader.source = ""
        token = 0
        active = false
        visible = false
    }
    function viewFile(kind) {
        return ({ "image": "ImageView.qml", "video": "VideoView.qml", "web": "WebView.qml", "text": "TextView.qml",
                  "clock": "ClockView.qml", "qr": "QrView.qml" })[kind] || "Missing.qml"
    }

    Loader {
        id: loader
        anchors.fill: parent
        onLoaded: {
            const token = host.token
            item.ready.connect(function() { host.controller.report_ready(host.slot, token) })
            item.failed.connect(function(reason) { host.controller.report_failed(host.slot, token, reason) })
            item.active = Qt.binding(function() { return host.active })
        }
    }
}
