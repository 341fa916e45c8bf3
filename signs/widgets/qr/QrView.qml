import QtQuick

// A QR code (drawn once by segno), kept crisp, with an optional caption under it.
Rectangle {
    anchors.fill: parent
    id: view
    property var descriptor
    property Item host
    readonly property bool active: host !== null && host.active
    signal ready()
    signal failed(string reason)
    color: descriptor.background

    Image {
        id: code
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.top: parent.top
        anchors.topMargin: parent.height * 0.03
        width: parent.width
        height: parent.height * (view.descriptor.caption !== "" ? 0.8 : 0.94)
        source: view.descriptor.source
        asynchronous: true
        cache: false
        smooth: false
        fillMode: Image.PreserveAspectFit
        onStatusChanged: {
            if (status === Image.Ready) view.ready()
            else if (status === Image.Error) view.failed("the QR code image could not be decoded")
        }
    }
    Text {
        textFormat: Text.PlainText  // outside text (set_by, names) is never markup
        anchors.top: code.bottom
        anchors.bottom: parent.bottom
        width: parent.width
        text: view.descriptor.caption
        color: "#000000"
        font.family: view.descriptor.font_family
        font.pixelSize: Math.max(12, parent.height * 0.07)
        fontSizeMode: Text.Fit
        minimumPixelSize: 10
        wrapMode: Text.WordWrap
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
    }
}
