import QtQuick

// Practical information: the list of themes (a button each), then a theme's text in large type.
ScrollPage {
    id: info
    property int index: -1
    objectName: index < 0 ? "page-info" : "page-info-" + index
    readonly property var pages: ui.descriptor.info || []
    readonly property var shown: index >= 0 && index < pages.length ? pages[index] : null
    Repeater {
        model: info.shown === null ? info.pages : []
        BigButton {
            required property var modelData
            required property int index
            objectName: "info-" + index
            pal: info.pal
            pictogram: "info"
            width: parent.width
            height: Math.max(implicitHeight, info.pal.target)
            text: info.ui.tr(modelData.title_fr, modelData.title_en)
            onClicked: info.ui.open("info:" + index)
        }
    }
    Text {
        visible: info.shown !== null
        width: parent.width
        textFormat: Text.PlainText
        text: info.shown !== null ? info.ui.tr(info.shown.title_fr, info.shown.title_en) : ""
        color: info.pal.ink
        font.pixelSize: info.pal.huge
        font.bold: true
        wrapMode: Text.WordWrap
    }
    Text {
        objectName: "info-text"
        visible: info.shown !== null
        width: parent.width
        textFormat: Text.PlainText
        text: info.shown !== null ? info.ui.tr(info.shown.text_fr, info.shown.text_en) : ""
        color: info.pal.ink
        font.pixelSize: info.pal.title
        lineHeight: 1.25
        wrapMode: Text.WordWrap
        activeFocusOnTab: true
        Accessible.role: Accessible.StaticText
        Accessible.name: text
        Rectangle { anchors.fill: parent; anchors.margins: -6; color: "transparent"; visible: parent.activeFocus
                    border.color: info.pal.focus; border.width: info.pal.focusWidth }
    }
}
