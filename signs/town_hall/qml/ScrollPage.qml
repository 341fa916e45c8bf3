import QtQuick

// A page whose content scrolls (large text never clips: it grows down and the page scrolls), and
// follows the keyboard focus so the focused control is always in view.
Flickable {
    id: page
    property Item ui
    readonly property QtObject pal: ui.pal
    default property alias content: column.data
    property alias spacing: column.spacing
    clip: true
    contentWidth: width
    contentHeight: column.implicitHeight + pal.body * 2
    boundsBehavior: Flickable.StopAtBounds
    Column {
        id: column
        x: page.pal.body
        y: page.pal.body
        width: page.width - page.pal.body * 2
        spacing: page.pal.body * 0.8
    }
    Connections {
        target: page.Window.window
        function onActiveFocusItemChanged() {
            const item = page.Window.activeFocusItem
            if (item === null || !page.contentItem.contains(page.contentItem.mapFromItem(item, 0, 0))) return
            const top = page.contentItem.mapFromItem(item, 0, 0).y
            if (top < page.contentY) page.contentY = Math.max(0, top - page.pal.body)
            else if (top + item.height > page.contentY + page.height)
                page.contentY = Math.min(page.contentHeight - page.height, top + item.height - page.height + page.pal.body)
        }
    }
    Rectangle {  // the scroll position, so a visitor sees there is more below
        visible: page.contentHeight > page.height
        anchors.right: parent.right
        width: page.pal.body * 0.35
        radius: width / 2
        color: page.pal.muted
        y: page.height * page.visibleArea.yPosition
        height: page.height * page.visibleArea.heightRatio
    }
}
