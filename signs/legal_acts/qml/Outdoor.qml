import QtQuick
import QtQuick.Pdf

// Outdoor mode (no touch): the catalogue pages itself, one recent act at a time with its first page
// and a QR code to take it away, and every fourth slide the categories with their counts.
Item {
    id: outdoor
    property QtObject pal: ActsPalette {}  // replaced by the view's; never null while bindings start
    property QtObject catalogue
    property string title: ""
    property int pageMs: 12000
    property bool bilingual: true
    property bool running: true
    property int slide: 0
    readonly property var acts: catalogue ? catalogue.latest : []
    readonly property int slideCount: acts.length + Math.floor(acts.length / 4) + 1
    readonly property bool categorySlide: slide % 5 === 4 || acts.length === 0
    readonly property int actIndex: Math.min(acts.length - 1, slide - Math.floor((slide + 1) / 5))
    readonly property var act: acts.length > 0 && actIndex >= 0 ? acts[actIndex] : ({})
    readonly property bool english: bilingual && Math.floor(slide / slideCount) % 2 === 1
    property int turns: 0
    function tr(fr, en) { return english ? en : fr }

    Timer {
        interval: outdoor.pageMs
        repeat: true
        running: outdoor.running && outdoor.slideCount > 1
        onTriggered: { outdoor.turns += 1; outdoor.slide = outdoor.turns % outdoor.slideCount }
    }
    Rectangle { anchors.fill: parent; color: outdoor.pal.paper }

    Text {
        id: banner
        x: outdoor.pal.body
        y: outdoor.pal.body * 0.6
        width: parent.width - outdoor.pal.body * 2
        textFormat: Text.PlainText
        text: outdoor.title + "  ·  " + (outdoor.categorySlide ? outdoor.tr("Catégories", "Categories")
              : outdoor.tr("Acte ", "Act ") + (outdoor.actIndex + 1) + " / " + outdoor.acts.length)
        color: outdoor.pal.ink
        font.pixelSize: outdoor.pal.huge
        font.bold: true
        elide: Text.ElideRight
    }

    Row {
        visible: !outdoor.categorySlide
        anchors.top: banner.bottom
        anchors.topMargin: outdoor.pal.body
        anchors.bottom: parent.bottom
        anchors.bottomMargin: outdoor.pal.body
        x: outdoor.pal.body
        width: parent.width - outdoor.pal.body * 2
        spacing: outdoor.pal.body
        ActFacts {
            objectName: "outdoor-facts"
            width: parent.width * 0.44
            height: parent.height
            showQr: false  // beside it, larger: read from the pavement
            pal: outdoor.pal
            act: outdoor.act
            english: outdoor.english
            paperText: outdoor.tr("Consultez l'acte complet sur istres.fr ou à l'accueil de la mairie",
                                  "Read the full act on istres.fr or at the town hall reception")
        }
        Column {
            width: parent.width * 0.24 - parent.spacing
            spacing: outdoor.pal.body * 0.4
            Rectangle {
                width: parent.width
                height: width
                visible: (outdoor.act.qr || "") !== ""
                color: "#ffffff"
                Image {
                    objectName: "outdoor-qr"
                    anchors.fill: parent
                    anchors.margins: 6
                    source: outdoor.act.qr || ""
                    smooth: false
                    fillMode: Image.PreserveAspectFit
                    asynchronous: true
                }
            }
            Text {
                width: parent.width
                visible: (outdoor.act.qr || "") !== ""
                textFormat: Text.PlainText
                text: outdoor.tr("Scannez pour emporter l'acte", "Scan to take the act with you")
                color: outdoor.pal.ink
                font.pixelSize: outdoor.pal.small
                font.bold: true
                wrapMode: Text.WordWrap
            }
        }
        Rectangle {
            width: parent.width * 0.32 - parent.spacing
            height: parent.height
            color: outdoor.pal.panel
            PdfDocument { id: firstPages; source: outdoor.act.status === "ready" ? outdoor.act.pdf : "" }
            Rectangle {  // paper under the transparent page
                anchors.centerIn: parent
                width: firstPage.paintedWidth
                height: firstPage.paintedHeight
                visible: firstPage.status === Image.Ready
                color: "#ffffff"
            }
            PdfPageImage {
                id: firstPage
                anchors.fill: parent
                anchors.margins: outdoor.pal.body * 0.5
                document: outdoor.act.status === "ready" ? firstPages : null
                currentFrame: 0
                asynchronous: true
                fillMode: Image.PreserveAspectFit
                sourceSize.height: Math.round(height)
            }
            Text {
                anchors.centerIn: parent
                width: parent.width * 0.8
                visible: outdoor.act.status !== "ready"
                textFormat: Text.PlainText
                text: outdoor.english ? (outdoor.act.status_en || "") : (outdoor.act.status_fr || "")
                color: outdoor.pal.warn
                font.pixelSize: outdoor.pal.title
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignHCenter
            }
        }
    }

    Flow {
        visible: outdoor.categorySlide
        anchors.top: banner.bottom
        anchors.topMargin: outdoor.pal.body
        x: outdoor.pal.body
        width: parent.width - outdoor.pal.body * 2
        spacing: outdoor.pal.body
        Repeater {
            model: outdoor.catalogue ? outdoor.catalogue.categories : []
            delegate: Rectangle {
                id: tile
                required property var modelData
                width: (outdoor.width - outdoor.pal.body * 4) / 3
                height: outdoor.pal.body * 4.6
                radius: outdoor.pal.body * 0.3
                color: outdoor.pal.panel
                border.color: outdoor.pal.line
                Column {
                    anchors.fill: parent
                    anchors.margins: outdoor.pal.body * 0.5
                    Text {
                        width: parent.width
                        textFormat: Text.PlainText
                        text: outdoor.english ? tile.modelData.en : tile.modelData.fr
                        color: outdoor.pal.ink
                        font.pixelSize: outdoor.pal.small
                        wrapMode: Text.WordWrap
                        maximumLineCount: 2
                        elide: Text.ElideRight
                    }
                    Text {
                        width: parent.width
                        textFormat: Text.PlainText
                        text: tile.modelData.count + " " + outdoor.tr(tile.modelData.count > 1 ? "actes" : "acte",
                                                                      tile.modelData.count === 1 ? "act" : "acts")
                        color: outdoor.pal.accent
                        font.pixelSize: outdoor.pal.title
                        font.bold: true
                    }
                }
            }
        }
    }
}
