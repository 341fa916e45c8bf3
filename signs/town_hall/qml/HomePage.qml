import QtQuick

// The home: one large tile per service, pictogram above words. Fewer columns as the text grows, and
// the page scrolls rather than clipping a label.
ScrollPage {
    id: home
    objectName: "page-home"
    readonly property var tiles: ui.descriptor.tiles || []
    readonly property int columns: ui.textScale >= 2 ? 2 : (ui.textScale >= 1.5 || width < pal.body * 40 ? 3 : 4)
    readonly property int rows: Math.ceil(tiles.length / columns)
    Grid {
        id: grid
        width: parent.width
        columns: home.columns
        spacing: home.pal.body * 0.8
        readonly property real cellWidth: (width - spacing * (columns - 1)) / columns
        readonly property real fitHeight: (home.height - home.pal.body * 2 - spacing * (home.rows - 1)) / Math.max(1, home.rows)
        Repeater {
            model: home.tiles
            BigButton {
                required property var modelData
                required property int index
                objectName: "tile-" + modelData.id
                pal: home.pal
                vertical: true
                pictogram: modelData.pictogram
                width: grid.cellWidth
                height: Math.max(implicitHeight, home.pal.target * 1.6, grid.fitHeight)
                text: home.ui.tr(modelData.label_fr, modelData.label_en)
                fill: modelData.view === "acceo" ? home.pal.acceo : home.pal.accent
                ink: modelData.view === "acceo" ? home.pal.acceoInk : home.pal.accentInk
                onClicked: home.ui.open(modelData.view ? modelData.view : "web:" + modelData.id)
            }
        }
    }
}
