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
    height: rowHeight(pal)  // fixed: a page holds a known number of rows, none half hidden
    // Three lines (category, title, date and author); a state other than ready replaces the author.
    function rowHeight(p) { return p.small * 1.2 * 2 + p.body * 1.2 + p.body * 0.4 + p.body * 0.8 }
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
            elide: Text.ElideRight  // the whole title is in the reader
        }
        Text {
            width: parent.width
            textFormat: Text.PlainText
            readonly property bool ready: row.modelData.status === "ready"
            text: (row.english ? "Put online " + row.modelData.online_en : "Mis en ligne le " + row.modelData.online_fr)
                  + "  ·  " + (ready ? row.modelData.author : (row.english ? row.modelData.status_en : row.modelData.status_fr))
            color: ready ? row.pal.muted : row.pal.warn
            font.pixelSize: row.pal.small
            font.bold: !ready
            elide: Text.ElideRight
        }
    }
    TapHandler { onTapped: { row.ListView.view.currentIndex = row.index; row.chosen(row.modelData.id) } }
}
