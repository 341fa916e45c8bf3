import QtQuick

// Accessibility settings for this visit (reset at its end): text size, contrast, and, when the
// runtime speaks, repeat and volume. Each choice is a large button that says its state in words.
ScrollPage {
    id: access
    objectName: "page-access"
    readonly property bool speaks: ui.hasA11y && typeof accessibility.say === "function"
    Text {
        width: parent.width; textFormat: Text.PlainText; wrapMode: Text.WordWrap
        text: access.ui.tr("Taille du texte", "Text size"); color: access.pal.ink; font.pixelSize: access.pal.title; font.bold: true
    }
    Flow {
        width: parent.width
        spacing: access.pal.body * 0.6
        Repeater {
            model: [1.0, 1.5, 2.0]
            BigButton {
                required property real modelData
                objectName: "text-scale-" + Math.round(modelData * 100)
                pal: access.pal
                readonly property bool chosen: Math.abs(access.ui.textScale - modelData) < 0.01
                fill: chosen ? access.pal.accent : access.pal.card
                ink: chosen ? access.pal.accentInk : access.pal.ink
                border.color: activeFocus ? access.pal.focus : access.pal.accent
                text: (modelData === 1 ? access.ui.tr("Normal", "Normal") : modelData === 1.5 ? access.ui.tr("Grand", "Large") : access.ui.tr("Très grand", "Very large"))
                      + (chosen ? access.ui.tr(" (choisi)", " (chosen)") : "")
                onClicked: access.ui.setTextScale(modelData)
            }
        }
    }
    Text {
        width: parent.width; textFormat: Text.PlainText; wrapMode: Text.WordWrap
        text: access.ui.tr("Contraste", "Contrast"); color: access.pal.ink; font.pixelSize: access.pal.title; font.bold: true
    }
    BigButton {
        objectName: "high-contrast"
        pal: access.pal
        text: access.ui.highContrast ? access.ui.tr("Contraste renforcé : activé (toucher pour désactiver)", "High contrast: on (touch to turn off)")
                                     : access.ui.tr("Contraste renforcé : désactivé (toucher pour activer)", "High contrast: off (touch to turn on)")
        width: Math.min(parent.width, implicitWidth)
        onClicked: access.ui.setHighContrast(!access.ui.highContrast)
    }
    Text {
        visible: access.speaks
        width: parent.width; textFormat: Text.PlainText; wrapMode: Text.WordWrap
        text: access.ui.tr("Voix", "Voice"); color: access.pal.ink; font.pixelSize: access.pal.title; font.bold: true
    }
    Flow {
        visible: access.speaks
        width: parent.width
        spacing: access.pal.body * 0.6
        BigButton { objectName: "speech-repeat"; pal: access.pal; visible: access.speaks; text: access.ui.tr("Répéter", "Repeat")
                    onClicked: accessibility.repeat() }
        BigButton { objectName: "volume-down"; pal: access.pal; visible: access.speaks; text: access.ui.tr("Moins fort", "Quieter")
                    onClicked: accessibility.volumeDown() }
        BigButton { objectName: "volume-up"; pal: access.pal; visible: access.speaks; text: access.ui.tr("Plus fort", "Louder")
                    onClicked: accessibility.volumeUp() }
    }
}
