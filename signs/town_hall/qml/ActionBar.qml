import QtQuick

// The fixed bar, the same on every screen and in the same order: Accueil, Retour, Aide, the other
// language, Accessibilité, Acceo, Terminer. Acceo is thus one touch from anywhere; home too.
Rectangle {
    id: bar
    property Item ui
    readonly property QtObject pal: ui.pal
    color: pal.bar
    border.color: pal.highContrast ? pal.ink : pal.bar
    border.width: 2
    height: row.height + pal.body * 0.8
    function focusFirst() { home.forceActiveFocus() }
    // The bar's words grow with the text size up to x1.5 (seven buttons share the width); they stay
    // whole words, and the pages above carry the full factor.
    readonly property real labelSize: Math.min(pal.body, pal.base * 1.5)

    Row {
        id: row
        x: bar.pal.body * 0.4
        anchors.verticalCenter: parent.verticalCenter
        spacing: bar.pal.body * 0.4
        readonly property real cell: (bar.width - bar.pal.body * 0.8 - spacing * 6) / 7
        height: Math.max(bar.pal.target * 1.15, home.implicitHeight, help.implicitHeight, lang.implicitHeight, access.implicitHeight,
                         acceo.implicitHeight, end.implicitHeight, back.implicitHeight)
        BigButton {
            id: home; objectName: "bar-home"; pal: bar.pal; vertical: true; fit: true; labelSize: bar.labelSize; pictogram: "home"
            width: row.cell; height: row.height
            text: bar.ui.tr("Accueil", "Home")
            onClicked: bar.ui.goHome()
        }
        BigButton {
            id: back; objectName: "bar-back"; pal: bar.pal; vertical: true; fit: true; labelSize: bar.labelSize; pictogram: "back"
            width: row.cell; height: row.height
            text: bar.ui.tr("Retour", "Back")
            onClicked: bar.ui.goBack()
        }
        BigButton {
            id: help; objectName: "bar-help"; pal: bar.pal; vertical: true; fit: true; labelSize: bar.labelSize; pictogram: "help"
            width: row.cell; height: row.height
            text: bar.ui.tr("Aide", "Help")
            onClicked: bar.ui.open("help")
        }
        BigButton {
            id: lang; objectName: "bar-language"; pal: bar.pal; vertical: true; fit: true; labelSize: bar.labelSize; pictogram: "language"
            width: row.cell; height: row.height
            text: bar.ui.english ? "Français" : "English"
            onClicked: bar.ui.setLanguage(bar.ui.english ? "fr" : "en")
        }
        BigButton {
            id: access; objectName: "bar-access"; pal: bar.pal; vertical: true; fit: true; labelSize: bar.labelSize; pictogram: "access"
            width: row.cell; height: row.height
            text: bar.ui.tr("Accessibilité", "Accessibility")
            onClicked: bar.ui.open("access")
        }
        BigButton {
            id: acceo; objectName: "bar-acceo"; pal: bar.pal; vertical: true; fit: true; labelSize: bar.labelSize; pictogram: "hands"
            width: row.cell; height: row.height
            fill: bar.pal.acceo; ink: bar.pal.acceoInk
            text: "Acceo"
            hint: bar.ui.tr("pour les personnes sourdes ou malentendantes", "for deaf and hard-of-hearing people")
            onClicked: bar.ui.open("acceo")
        }
        BigButton {
            id: end; objectName: "bar-end"; pal: bar.pal; vertical: true; fit: true; labelSize: bar.labelSize; pictogram: "stop"
            width: row.cell; height: row.height
            fill: bar.pal.card; ink: bar.pal.ink
            text: bar.ui.tr("Terminer", "End")
            onClicked: bar.ui.finish()
        }
    }
}
