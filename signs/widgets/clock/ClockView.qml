import QtQuick

// The time (and date, in the layout's language), in the item's time zone.
Item {
    anchors.fill: parent
    id: view
    property var descriptor
    property Item host
    readonly property bool active: host !== null && host.active
    signal ready()
    signal failed(string reason)
    property string timeText: ""
    property string dateText: ""

    function refresh() {
        timeText = clockFormatter.time_text(descriptor.timezone, descriptor.time_format)
        dateText = descriptor.show_date ? clockFormatter.date_text(descriptor.timezone, descriptor.locale) : ""
    }
    Timer { interval: 1000; repeat: true; running: true; onTriggered: view.refresh() }

    Column {
        anchors.centerIn: parent
        width: parent.width
        Text {
            textFormat: Text.PlainText  // outside text (set_by, names) is never markup
            width: parent.width
            height: view.descriptor.show_date ? view.height * 0.7 : view.height
            text: view.timeText
            color: view.descriptor.color
            font.family: view.descriptor.font_family
            font.pixelSize: view.descriptor.font_size_px
            font.bold: true
            fontSizeMode: Text.Fit
            minimumPixelSize: 10
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
        }
        Text {
            textFormat: Text.PlainText
            visible: view.descriptor.show_date
            width: parent.width
            height: view.height * 0.3
            text: view.dateText
            color: view.descriptor.color
            font.family: view.descriptor.font_family
            font.pixelSize: view.descriptor.font_size_px / 3
            fontSizeMode: Text.Fit
            minimumPixelSize: 8
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignTop
        }
    }
    Component.onCompleted: { refresh(); Qt.callLater(ready) }
}
