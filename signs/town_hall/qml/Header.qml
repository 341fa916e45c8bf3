import QtQuick

// The top of every screen: the town hall's name and where the visitor is; before a session, the
// invitation to touch. In the low layout it is taller, so every control sits in the lower band.
Rectangle {
    id: header
    property Item ui
    readonly property QtObject pal: ui.pal
    color: pal.paper
    implicitHeight: column.implicitHeight + pal.body * 1.2

    Column {
        id: column
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom; margins: header.pal.body * 0.6 }
        spacing: header.pal.body * 0.2
        Text {
            objectName: "header-title"
            width: parent.width
            textFormat: Text.PlainText
            text: header.ui.tr(header.ui.descriptor.title_fr, header.ui.descriptor.title_en)
                  + (header.ui.page === "home" ? "" : "  ·  " + header.ui.titleOfPage)
            color: header.pal.ink
            font.pixelSize: Math.min(header.pal.title, header.pal.base * 2.2)  // the page's own text carries the full factor
            font.bold: true
            wrapMode: Text.WordWrap
        }
        Text {
            objectName: "header-invite"
            width: parent.width
            // Its room is kept during the session: a layout that moved under the finger at the first
            // touch would turn that touch's release into a miss.
            readonly property bool inviting: header.ui.session !== null && !header.ui.session.active
            textFormat: Text.PlainText
            text: inviting ? header.ui.tr("Touchez l'écran pour commencer. Bienvenue !", "Touch the screen to begin. Welcome!")
                           : header.ui.tr("Touchez « Terminer » quand vous avez fini : vos informations seront effacées.",
                                          "Touch “End” when you are done: your information will be erased.")
            color: header.pal.muted
            font.pixelSize: Math.min(header.pal.body, header.pal.base * 1.4)
            wrapMode: Text.WordWrap
        }
    }
}
