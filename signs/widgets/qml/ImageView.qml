import QtQuick

// A prepared picture (also PDF pages), decoded off the GUI thread.
Item {
    property var descriptor
    property bool active: false
    signal ready()
    signal failed(string reason)

    Image {
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
