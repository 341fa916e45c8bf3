import QtQuick

// What must stay visible beside an act: its title, number, "Mis en ligne le …", "Auteur : …", how long it
// stays up, a QR code to its page on the town's website, and where to ask for a paper copy.
Rectangle {
    id: facts
    property QtObject pal: ActsPalette {}  // replaced by the view's; never null while bindings start
    property var act: ({})
    property bool english: false
    property string paperText: ""
    property bool showTitle: true
    property bool showQr: true
    function tr(fr, en) { return english ? en : fr }
    color: pal.panel
    radius: pal.body * 0.3
    border.color: pal.line
    border.width: 1
    clip: true

    // Texts at the top, the paper-copy line pinned at the bottom, the QR code in what is left between
    // them (hidden when too little is left, e.g. very large text). Texts taller than their place
    // (x2 text on a small panel) scroll: nothing that must show is ever cut or drawn over.
    Flickable {
        id: textsView
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.margins: facts.pal.body * 0.8
        height: Math.max(0, Math.min(texts.implicitHeight, facts.height - paper.height - facts.pal.body * 2.4))
        contentHeight: texts.implicitHeight
        interactive: contentHeight > height
        boundsBehavior: Flickable.StopAtBounds
        clip: true
    Column {
        id: texts
        width: textsView.width
        spacing: facts.pal.body * 0.5
        Text {
            width: parent.width
            textFormat: Text.PlainText
            text: (facts.english ? facts.act.category_en : facts.act.category_fr) + " · " + (facts.act.number || "")
            color: facts.pal.accent
            font.pixelSize: facts.pal.small
            font.bold: true
            wrapMode: Text.WordWrap
            maximumLineCount: 2
            elide: Text.ElideRight
        }
        Text {
            width: parent.width
            visible: facts.showTitle
            textFormat: Text.PlainText
            text: facts.act.title || ""
            color: facts.pal.ink
            font.pixelSize: facts.pal.body
            font.bold: true
            wrapMode: Text.WordWrap
            maximumLineCount: facts.pal.textScale > 1.2 ? 2 : 3  // the whole title is in the PDF beside
            elide: Text.ElideRight
        }
        Text {
            objectName: "online-date"
            width: parent.width
            textFormat: Text.PlainText
            text: facts.tr("Mis en ligne le ", "Put online on ") + (facts.english ? facts.act.online_en : facts.act.online_fr)
            color: facts.pal.ink
            font.pixelSize: facts.pal.body
            wrapMode: Text.WordWrap
        }
        Text {
            objectName: "author"
            width: parent.width
            textFormat: Text.PlainText
            text: facts.tr("Auteur : ", "Author: ") + (facts.act.author || "")
            color: facts.pal.ink
            font.pixelSize: facts.pal.body
            wrapMode: Text.WordWrap
        }
        Text {
            width: parent.width
            textFormat: Text.PlainText
            text: facts.english ? facts.act.until_en || "" : facts.act.until_fr || ""
            color: facts.pal.muted
            font.pixelSize: facts.pal.small
            wrapMode: Text.WordWrap
        }
    }
    }
    Item {
        id: qrArea
        anchors.top: textsView.bottom
        anchors.bottom: paper.top
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.margins: facts.pal.body * 0.8
        readonly property real side: Math.min(width * 0.55, height - facts.pal.body * 0.4, facts.pal.body * 11)
        visible: facts.showQr && (facts.act.qr || "") !== "" && side >= Math.max(120, facts.pal.base * 4)  // a QR code that a phone still reads
        Rectangle {
            id: qrBox
            anchors.verticalCenter: parent.verticalCenter
            width: qrArea.side
            height: qrArea.side
            color: "#ffffff"
            Image {
                anchors.fill: parent
                anchors.margins: 4
                source: facts.act.qr || ""
                smooth: false
                fillMode: Image.PreserveAspectFit
                asynchronous: true
            }
        }
        Text {  // beside the code, not under it: the code keeps its size with large text
            anchors.left: qrBox.right
            anchors.leftMargin: facts.pal.body * 0.5
            anchors.right: parent.right
            anchors.verticalCenter: parent.verticalCenter
            textFormat: Text.PlainText
            text: facts.tr("Scannez pour emporter l'acte", "Scan to take the act with you")
            color: facts.pal.muted
            font.pixelSize: facts.pal.small
            wrapMode: Text.WordWrap
        }
    }
    Text {
        id: paper
        objectName: "paper-copy"
        anchors.bottom: parent.bottom
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.margins: facts.pal.body * 0.8
        textFormat: Text.PlainText
        text: facts.paperText
        color: facts.pal.ink
        font.pixelSize: facts.pal.small
        font.bold: true
        wrapMode: Text.WordWrap
    }
}
