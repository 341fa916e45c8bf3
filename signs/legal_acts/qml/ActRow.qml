import QtQuick

// One act in a list: category, title, number, author, "mis en ligne le", its document's state.
Rectangle {
    id: row
    required property var act  // the model's one role
    required property int index
    readonly property var modelData: act
    property QtObject pal: ActsPalette {}  // replaced by the view's; never null while bindings start
    property bool english: false
    property bool current: ListView.isCurrentItem && ListView.view.activeFocus
    signal chosen(string actId)
    width: ListView.view ? ListView.view.width : 0
    height: column.implicitHeight + pal.body * 1.0
    color: pal.paper
    border.color: current ? pal.focus : pal.line
    border.width: current ? Math.max(4, pal.body * 0.22) : 1
    radius: pal.body * 0.3

    Column {
        id: column
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        anchors.margins: row.pal.body * 0.7
        spacing: row.pal.body * 0.2
        Text {
            width: parent.width
            textFormat: Text.PlainText
            text: (row.english ? row.modelData.category_en : row.modelData.category_fr) + "  ·  " + row.modelData.number
            color: row.pal.accent
            font.pixelSize: row.pal.small
            font.bold: true
            elide: Text.ElideRight
        }
        Text {
            width: parent.width
            textFormat: Text.PlainText
            text: row.modelData.title
            color: row.pal.ink
            font.pixelSize: row.pal.body
            font.bold: true
            wrapMode: Text.WordWrap
            maximumLineCount: 2
            elide: Text.ElideRight
        }
        Text {
            width: parent.width
            textFormat: Text.PlainText
            text: (row.english ? "Put online " + row.modelData.online_en : "Mis en ligne le " + row.modelData.online_fr)
                  + "  ·  " + row.modelData.author
            color: row.pal.muted
            font.pixelSize: row.pal.small
            elide: Text.ElideRight
        }
        Text {
            width: parent.width
            visible: row.modelData.status !== "ready"
            textFormat: Text.PlainText
            text: row.english ? row.modelData.status_en : row.modelData.status_fr
            color: row.pal.warn
            font.pixelSize: row.pal.small
            font.bold: true
            wrapMode: Text.WordWrap
        }
    }
    TapHandler { onTapped: { row.ListView.view.currentIndex = row.index; row.chosen(row.modelData.id) } }
}
