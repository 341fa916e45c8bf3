import QtQuick
import QtQuick.Pdf

// The reader: the whole PDF through QtPdf, one page at a time (page buttons, page n/N, zoom buttons
// and pinch), and beside it, always visible, when the act was put online, its author, a QR code to
// take it away and where to ask for a paper copy. Back to the list in one touch (or Escape).
FocusScope {
    id: reader
    objectName: "reader"
    property QtObject pal: ActsPalette {}  // replaced by the view's; never null while bindings start
    property QtObject catalogue
    property var act: ({})
    property bool english: false
    property string paperText: ""
    property int page: 1
    property real zoom: 1.0
    readonly property int pageCount: document.status === PdfDocument.Ready ? document.pageCount : 0
    readonly property bool readable: act.status === "ready" && document.status !== PdfDocument.Error
    signal back()
    signal touched()
    function tr(fr, en) { return english ? en : fr }
    function show(n) {
        if (reader.pageCount < 1) return
        reader.page = Math.max(1, Math.min(reader.pageCount, n))
        reader.touched()
    }
    property int journaledPage: 0
    function journalPage(n) { if (n !== reader.journaledPage) { reader.journaledPage = n; reader.catalogue.pageShown(reader.act.id, n) } }
    function setZoom(z) { reader.zoom = Math.max(1.0, Math.min(4.0, z)); reader.touched() }

    Keys.onEscapePressed: reader.back()
    Keys.onLeftPressed: reader.show(reader.page - 1)
    Keys.onRightPressed: reader.show(reader.page + 1)
    Keys.onPressed: (event) => {
        if (event.key === Qt.Key_Plus) { reader.setZoom(reader.zoom * 1.25); event.accepted = true }
        else if (event.key === Qt.Key_Minus) { reader.setZoom(reader.zoom / 1.25); event.accepted = true }
        else if (event.key === Qt.Key_PageDown) { reader.show(reader.page + 1); event.accepted = true }
        else if (event.key === Qt.Key_PageUp) { reader.show(reader.page - 1); event.accepted = true }
    }

    Rectangle { anchors.fill: parent; color: reader.pal.paper }

    PdfDocument {
        id: document
        source: reader.act.status === "ready" ? reader.act.pdf : ""
    }

    Row {
        id: bar
        x: reader.pal.body * 0.8
        y: reader.pal.body * 0.6
        width: parent.width - reader.pal.body * 1.6
        height: reader.pal.body * 2.6
        spacing: reader.pal.body * 0.6
        TouchButton {
            id: backButton
            objectName: "back-button"
            pal: reader.pal
            // Shorter with very large text, so the zoom buttons stay on screen beside it.
            text: reader.pal.textScale > 1.7 ? reader.tr("← Liste", "← List") : reader.tr("← Retour à la liste", "← Back to the list")
            Accessible.name: reader.tr("Retour à la liste", "Back to the list")
            focus: true
            onClicked: reader.back()
            KeyNavigation.tab: previousPage
        }
        TouchButton {
            id: previousPage
            objectName: "reader-previous"
            pal: reader.pal
            text: "‹"
            enabledButton: reader.page > 1
            onClicked: reader.show(reader.page - 1)
            KeyNavigation.tab: nextPage
        }
        Text {
            objectName: "page-indicator"
            anchors.verticalCenter: parent.verticalCenter
            textFormat: Text.PlainText
            text: reader.pageCount > 0 ? reader.tr("page ", "page ") + reader.page + " / " + reader.pageCount : ""
            color: reader.pal.ink
            font.pixelSize: reader.pal.body
            font.bold: true
        }
        TouchButton {
            id: nextPage
            objectName: "reader-next"
            pal: reader.pal
            text: "›"
            enabledButton: reader.page < reader.pageCount
            onClicked: reader.show(reader.page + 1)
            KeyNavigation.tab: zoomOut
        }
        TouchButton {
            id: zoomOut
            pal: reader.pal
            text: "−"
            enabledButton: reader.zoom > 1.0
            onClicked: reader.setZoom(reader.zoom / 1.25)
            Accessible.name: reader.tr("Réduire", "Zoom out")
            KeyNavigation.tab: zoomIn
        }
        TouchButton {
            id: zoomIn
            pal: reader.pal
            text: "+"
            enabledButton: reader.zoom < 4.0
            onClicked: reader.setZoom(reader.zoom * 1.25)
            Accessible.name: reader.tr("Agrandir", "Zoom in")
            KeyNavigation.tab: backButton
        }
    }

    Flickable {
        id: sheet
        objectName: "pdf-sheet"
        anchors.top: bar.bottom
        anchors.topMargin: reader.pal.body * 0.6
        anchors.bottom: parent.bottom
        anchors.left: parent.left
        anchors.right: side.left
        anchors.margins: reader.pal.body * 0.8
        clip: true
        contentWidth: Math.max(width, pageImage.width)
        contentHeight: Math.max(height, pageImage.height)
        boundsBehavior: Flickable.StopAtBounds
        Rectangle { anchors.fill: parent; color: reader.pal.panel; z: -1 }
        Rectangle {  // the page is drawn transparent: paper under it, whatever the theme
            x: preview.visible ? preview.x + (preview.width - preview.paintedWidth) / 2 : pageImage.x
            width: preview.visible ? preview.paintedWidth : pageImage.width
            height: preview.visible ? preview.paintedHeight : pageImage.height
            visible: pageImage.status === Image.Ready || preview.visible
            color: "#ffffff"
        }
        PdfPageImage {
            id: pageImage
            objectName: "pdf-page"
            document: reader.readable ? document : null
            currentFrame: reader.page - 1
            asynchronous: true
            cache: false
            readonly property real fit: document.status === PdfDocument.Ready && implicitWidth > 0
                ? Math.min(sheet.width / implicitWidth, sheet.height / implicitHeight) : 1
            width: implicitWidth * fit * reader.zoom
            height: implicitHeight * fit * reader.zoom
            x: Math.max(0, (sheet.width - width) / 2)
            sourceSize.width: Math.round(width)
            fillMode: Image.PreserveAspectFit
            // A page asked for before the document had loaded was refused (no frames yet): ask again.
            onFrameCountChanged: currentFrame = Qt.binding(() => reader.page - 1)
            // Journaled once drawn, as the page actually drawn (not the one asked for meanwhile).
            onStatusChanged: if (status === Image.Ready && reader.readable) reader.journalPage(currentFrame + 1)
        }
        Image {  // the first page drawn ahead in the pool: on screen in the frame after the tap
            id: preview
            objectName: "pdf-preview"
            visible: reader.readable && reader.page === 1 && reader.zoom === 1.0 && pageImage.status !== Image.Ready
            x: Math.max(0, (sheet.width - width) / 2)
            width: Math.min(sheet.width, sheet.height * implicitWidth / Math.max(1, implicitHeight))
            height: sheet.height
            source: reader.readable ? (reader.act.preview || "") : ""
            fillMode: Image.PreserveAspectFit
            cache: false
            onStatusChanged: if (status === Image.Ready && visible) reader.journalPage(1)
        }
        PinchHandler {
            target: null
            onScaleChanged: (delta) => reader.setZoom(reader.zoom * delta)
        }
    }
    Text {
        objectName: "reader-message"
        anchors.centerIn: sheet
        width: sheet.width * 0.8
        visible: !reader.readable || document.status === PdfDocument.Error
        textFormat: Text.PlainText
        text: reader.act.status !== "ready"
              ? (reader.english ? reader.act.status_en : reader.act.status_fr)
              : reader.tr("Ce document ne peut pas être affiché. ", "This document cannot be shown. ") + reader.tr(reader.paperText, reader.paperText)
        color: reader.pal.warn
        font.pixelSize: reader.pal.title
        wrapMode: Text.WordWrap
        horizontalAlignment: Text.AlignHCenter
    }

    ActFacts {
        id: side
        anchors.top: bar.bottom
        anchors.topMargin: reader.pal.body * 0.6
        anchors.bottom: parent.bottom
        anchors.right: parent.right
        anchors.margins: reader.pal.body * 0.8
        width: Math.min(parent.width * (reader.pal.textScale > 1.7 ? 0.55 : reader.pal.textScale > 1.2 ? 0.42 : 0.34), reader.pal.body * 24)
        pal: reader.pal
        act: reader.act
        english: reader.english
        paperText: reader.paperText
    }
}
