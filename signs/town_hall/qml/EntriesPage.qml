import QtQuick

// The agenda or the news: large text, dates in the visitor's language, a QR code per entry to read
// it on their phone. A feed that could not be had is said, never an empty page.
ScrollPage {
    id: entries
    property bool news: false
    objectName: news ? "page-news" : "page-agenda"
    readonly property var items: (news ? ui.descriptor.news : ui.descriptor.agenda) || []
    readonly property string problem: news ? ui.descriptor.news_problem : ui.descriptor.agenda_problem
    Text {
        objectName: "entries-empty"
        visible: entries.items.length === 0
        width: parent.width
        textFormat: Text.PlainText
        text: entries.problem !== ""
              ? entries.ui.tr("Ces informations sont momentanément indisponibles. L'accueil de la mairie peut vous renseigner.",
                              "This information is unavailable for now. The town hall reception desk can help you.")
              : entries.ui.tr("Rien de prévu pour le moment.", "Nothing planned for now.")
        color: entries.pal.ink
        font.pixelSize: entries.pal.title
        wrapMode: Text.WordWrap
    }
    Repeater {
        model: entries.items
        Rectangle {
            id: card
            required property var modelData
            required property int index
            objectName: "entry-" + index
            width: parent.width
            height: Math.max(texts.implicitHeight, qr.visible ? qr.height : 0) + entries.pal.body * 1.4
            radius: entries.pal.body * 0.3
            color: entries.pal.card
            border.color: activeFocus ? entries.pal.focus : entries.pal.line
            border.width: activeFocus ? entries.pal.focusWidth : 2
            activeFocusOnTab: true
            Accessible.role: Accessible.StaticText
            Accessible.name: title.text + ". " + when.text
            Column {
                id: texts
                x: entries.pal.body * 0.7
                y: entries.pal.body * 0.7
                width: card.width - x * 2 - (qr.visible ? qr.width + entries.pal.body : 0)
                spacing: entries.pal.body * 0.25
                Text {
                    id: when
                    width: parent.width
                    textFormat: Text.PlainText
                    text: entries.ui.tr(card.modelData.when_fr, card.modelData.when_en)
                    visible: text !== ""
                    color: entries.pal.highContrast ? entries.pal.accent : entries.pal.muted
                    font.pixelSize: entries.pal.body
                    font.bold: true
                    wrapMode: Text.WordWrap
                }
                Text {
                    id: title
                    width: parent.width
                    textFormat: Text.PlainText
                    text: card.modelData.title
                    color: entries.pal.ink
                    font.pixelSize: entries.pal.title
                    font.bold: true
                    wrapMode: Text.WordWrap
                }
                Text {
                    width: parent.width
                    textFormat: Text.PlainText
                    visible: text !== ""
                    text: (card.modelData.location ? card.modelData.location + (card.modelData.summary ? " — " : "") : "") + (card.modelData.summary || "")
                    color: entries.pal.ink
                    font.pixelSize: entries.pal.body
                    wrapMode: Text.WordWrap
                    maximumLineCount: 6
                    elide: Text.ElideRight
                }
            }
            Image {
                id: qr
                visible: card.modelData.qr !== ""
                source: card.modelData.qr
                x: card.width - width - entries.pal.body * 0.7
                y: entries.pal.body * 0.7
                width: Math.min(entries.pal.body * 6, 240)
                height: width
                sourceSize.width: 300
                smooth: false
                Accessible.name: entries.ui.tr("Code QR vers la page", "QR code to the page")
            }
        }
    }
}
