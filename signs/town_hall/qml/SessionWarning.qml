import QtQuick

// "Êtes-vous toujours là ?": after the idle time, a countdown of at least 20 s with a large
// "Continuer" button (any touch or key also continues) and "Terminer" (ends the session at once).
Rectangle {
    id: warning
    property Item ui
    readonly property QtObject pal: ui.pal
    color: pal.highContrast ? "#000000" : "#cc0b1a33"
    objectName: "session-warning"
    onVisibleChanged: if (visible) { keep.forceActiveFocus(); ui.say(question.text + " " + count.text) }

    function toggleFocus() { if (keep.activeFocus) end.forceActiveFocus(); else keep.forceActiveFocus() }
    TapHandler {}  // a touch outside the card is swallowed here; the view's own handler continues the session
    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width * 0.8, Math.max(parent.width * 0.5, column.implicitWidth + warning.pal.body * 3))
        height: column.implicitHeight + warning.pal.body * 2.4
        radius: warning.pal.body * 0.5
        color: warning.pal.card
        border.color: warning.pal.ink
        border.width: 3
        Column {
            id: column
            anchors.centerIn: parent
            width: parent.width - warning.pal.body * 2.4
            spacing: warning.pal.body * 0.8
            Text {
                id: question
                width: parent.width
                textFormat: Text.PlainText
                text: warning.ui.tr("Êtes-vous toujours là ?", "Are you still there?")
                color: warning.pal.ink
                font.pixelSize: warning.pal.huge
                font.bold: true
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignHCenter
            }
            Text {
                id: count
                objectName: "session-countdown"
                width: parent.width
                textFormat: Text.PlainText
                readonly property int seconds: warning.ui.session !== null ? warning.ui.session.countdownS : 0
                text: warning.ui.tr("Fin de la session dans " + seconds + " s. Vos informations seront effacées.",
                                    "The session ends in " + seconds + " s. Your information will be erased.")
                color: warning.pal.ink
                font.pixelSize: warning.pal.title
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignHCenter
            }
            Flow {
                width: parent.width
                spacing: warning.pal.body
                BigButton {
                    id: keep
                    objectName: "session-continue"
                    pal: warning.pal
                    labelSize: warning.pal.title
                    width: Math.floor((parent.width - parent.spacing) * 0.55)  // floored: the two always fit one row
                    height: Math.max(implicitHeight, warning.pal.target * 1.4)
                    text: warning.ui.tr("Continuer", "Continue")
                    onClicked: warning.ui.touched()
                }
                BigButton {
                    id: end
                    objectName: "session-end"
                    pal: warning.pal
                    labelSize: warning.pal.title
                    width: Math.floor((parent.width - parent.spacing) * 0.45) - 1
                    height: Math.max(implicitHeight, warning.pal.target * 1.4)
                    fill: warning.pal.card
                    ink: warning.pal.ink
                    border.color: activeFocus ? warning.pal.focus : warning.pal.ink
                    text: warning.ui.tr("Terminer", "End")
                    onClicked: warning.ui.finish()
                }
            }
        }
    }
}
