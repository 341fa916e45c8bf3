import QtQuick

// The emergency takeover: above every region, the pairing card and the recovery screen (safety
// content is never hidden). `center` is the AlertCenter; its `display` says what to show, already
// in the language of the moment (French, then English when the alert has it). All text is plain.
Rectangle {
    id: overlay
    property var center: null
    readonly property var shown: center ? center.display : ({})
    readonly property bool active: shown.active === true
    readonly property real unit: Math.max(8, Math.min(width, height) / 40)

    visible: active
    color: active ? shown.background : "transparent"

    // Nothing under the takeover takes a touch while it shows.
    MouseArea { anchors.fill: parent; enabled: overlay.active }

    Rectangle {
        id: exerciseBand
        visible: overlay.active && overlay.shown.exercise === true
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: visible ? overlay.unit * 3.2 : 0
        color: overlay.active ? overlay.shown.exerciseBackground : "transparent"
        Text {
            anchors.centerIn: parent
            text: overlay.active ? overlay.shown.exerciseText : ""
            color: overlay.active ? overlay.shown.exerciseForeground : "transparent"
            font.pixelSize: overlay.unit * 1.8
            font.bold: true
            textFormat: Text.PlainText
        }
    }

    // The texts between the band and the footer; whatever does not fit is cut, never drawn over the footer.
    Item {
        anchors { left: parent.left; right: parent.right; top: exerciseBand.bottom; bottom: footer.top }
        clip: true

        Column {
            id: body
            anchors { left: parent.left; right: parent.right; top: parent.top; margins: overlay.unit * 2 }
            spacing: overlay.unit

            Row {
                spacing: overlay.unit * 1.5
                Canvas {
                    id: pictogram
                    width: overlay.unit * 6
                    height: width * 0.9
                    property color ink: overlay.active ? overlay.shown.foreground : "transparent"
                    onInkChanged: requestPaint()
                    onPaint: {
                        const ctx = getContext("2d");
                        ctx.reset();
                        ctx.lineWidth = width * 0.08;
                        ctx.strokeStyle = ink;
                        ctx.lineJoin = "round";
                        ctx.beginPath();
                        ctx.moveTo(width / 2, ctx.lineWidth);
                        ctx.lineTo(width - ctx.lineWidth, height - ctx.lineWidth);
                        ctx.lineTo(ctx.lineWidth, height - ctx.lineWidth);
                        ctx.closePath();
                        ctx.stroke();
                        ctx.fillStyle = ink;
                        ctx.fillRect(width * 0.46, height * 0.32, width * 0.08, height * 0.34);
                        ctx.fillRect(width * 0.46, height * 0.72, width * 0.08, height * 0.08);
                    }
                }
                Column {
                    spacing: overlay.unit * 0.3
                    Text {
                        text: overlay.active ? overlay.shown.severityText : ""
                        color: pictogram.ink
                        font.pixelSize: overlay.unit * 2.6
                        font.bold: true
                        textFormat: Text.PlainText
                    }
                    Text {
                        width: body.width - pictogram.width - overlay.unit * 1.5
                        text: overlay.active ? overlay.shown.event : ""
                        color: pictogram.ink
                        font.pixelSize: overlay.unit * 1.5
                        wrapMode: Text.Wrap
                        maximumLineCount: 2
                        elide: Text.ElideRight
                        textFormat: Text.PlainText
                    }
                }
            }

            Text {
                objectName: "alert-headline"
                width: body.width
                text: overlay.active ? overlay.shown.headline : ""
                color: pictogram.ink
                font.pixelSize: overlay.unit * 3.2
                font.bold: true
                wrapMode: Text.Wrap
                maximumLineCount: 2
                elide: Text.ElideRight
                textFormat: Text.PlainText
            }
            Text {
                width: body.width
                text: overlay.active ? overlay.shown.instruction : ""
                visible: text !== ""
                color: pictogram.ink
                font.pixelSize: overlay.unit * 2.2
                wrapMode: Text.Wrap
                maximumLineCount: 3
                elide: Text.ElideRight
                textFormat: Text.PlainText
            }
            Text {
                width: body.width
                text: overlay.active ? overlay.shown.description : ""
                visible: text !== ""
                color: pictogram.ink
                font.pixelSize: overlay.unit * 1.4
                wrapMode: Text.Wrap
                maximumLineCount: 2
                elide: Text.ElideRight
                textFormat: Text.PlainText
            }
        }

    }

    Column {
        id: footer
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom; margins: overlay.unit * 2 }
        spacing: overlay.unit * 0.4
        Repeater {
            model: overlay.active ? overlay.shown.others : []
            Text {
                required property string modelData
                width: parent.width
                text: "• " + modelData
                color: pictogram.ink
                font.pixelSize: overlay.unit * 1.2
                elide: Text.ElideRight
                textFormat: Text.PlainText
            }
        }
        Text {
            text: overlay.active ? overlay.shown.moreText : ""
            visible: text !== ""
            color: pictogram.ink
            font.pixelSize: overlay.unit * 1.1
            textFormat: Text.PlainText
        }
        Text {
            width: parent.width
            text: overlay.active ? overlay.shown.issued + "  ·  " + overlay.shown.until + "  ·  " + overlay.shown.source : ""
            color: pictogram.ink
            font.pixelSize: overlay.unit * 1.2
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
        }
    }
}
