import QtQuick

// How to use the kiosk, in plain words; the same page from anywhere (Aide, or F1 / the help key).
ScrollPage {
    id: help
    objectName: "page-help"
    Repeater {
        model: [
            ["Touchez une grande case de l'accueil pour ouvrir un service.", "Touch a large tile of the home screen to open a service."],
            ["En bas de l'écran, toujours au même endroit : Accueil, Retour, Aide, la langue, Accessibilité, Acceo et Terminer.",
             "At the bottom of the screen, always in the same place: Home, Back, Help, language, Accessibility, Acceo and End."],
            ["Accessibilité : texte plus grand, contraste renforcé, lecture à voix haute.", "Accessibility: larger text, high contrast, reading aloud."],
            ["Avec un clavier ou un boîtier à touches : les flèches déplacent le cadre orange, Entrée choisit, Échap revient en arrière, F1 ouvre l'aide.",
             "With a keyboard or keypad: the arrows move the orange frame, Enter chooses, Escape goes back, F1 opens help."],
            ["Quand vous avez fini, touchez Terminer : vos informations sont effacées.", "When you are done, touch End: your information is erased."],
            ["Besoin d'aide ? L'accueil de la mairie est à côté de vous.", "Need help? The town hall reception desk is right beside you."]
        ]
        Text {
            required property var modelData
            required property int index
            objectName: "help-" + index
            width: parent.width
            textFormat: Text.PlainText
            text: help.ui.tr(modelData[0], modelData[1])
            color: help.pal.ink
            font.pixelSize: help.pal.title
            wrapMode: Text.WordWrap
            activeFocusOnTab: true
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            Rectangle { anchors.fill: parent; anchors.margins: -6; color: "transparent"; visible: parent.activeFocus
                        border.color: help.pal.focus; border.width: help.pal.focusWidth }
        }
    }
}
