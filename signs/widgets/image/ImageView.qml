import QtQuick

// A prepared picture (also PDF pages), decoded off the GUI thread.
Item {
    anchors.fill: parent
    property var descriptor
    property Item host
    readonly property bool active: host !== null && host.active
    signal ready()
    signal failed(string reason)
    // The picture fills the whole host: the host need not paint its background beneath it (a
    // crossfade then blends one full-screen layer, not two).
    readonly property bool coversHost: picture.status === Image.Ready && picture.paintedWidth >= width - 0.5
                                       && picture.paintedHeight >= height - 0.5

    Image {
        id: picture
        anchors.fill: parent
        source: descriptor.source
        asynchronous: true
        cache: false
        fillMode: descriptor.fit === "cover" ? Image.PreserveAspectCrop : Image.PreserveAspectFit
        onStatusChanged: {
            if (status === Image.Ready) parent.ready()
            else if (status === Image.Error) parent.failed("the picture could not be decoded: " + source)
        }
    }
}
