import QtQuick

// The visible focus (WCAG 2.4.7, EN 301 549 11.2.4.7): a 4 px ring in the palette's focus colour
// around the control, with a 2 px inner line in the page colour, so it stands out on any control
// colour and is more than a change of colour.
Item {
    id: ring
    property Item target: parent
    property color color: "#b34700"
    property color gap: "#ffffff"
    property real thickness: 4
    property real radius: 10
    anchors.fill: target
    anchors.margins: -(thickness + 2)
    visible: target !== null && target.activeFocus
    z: 100

    Rectangle {
        anchors.fill: parent
        radius: ring.radius + ring.thickness
        color: "transparent"
        border.width: ring.thickness
        border.color: ring.color
    }
    Rectangle {
        anchors.fill: parent
        anchors.margins: ring.thickness
        radius: ring.radius
        color: "transparent"
        border.width: 2
        border.color: ring.gap
    }
}
