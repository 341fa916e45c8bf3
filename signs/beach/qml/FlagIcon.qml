import QtQuick

// A bathing flag: its colour and a pattern, so colour is never the only means of telling them apart.
// Colour and pattern come from Python (signs.beach.model.FLAG_MEANINGS); ``flag`` is the
// media.feeds.flag.Flag value ("red", "" when unknown), for tests and accessibility.
Rectangle {
    id: flag
    property string flag: ""
    property color colour
    property string pattern: "none"
    property color outline: "#000000"
    color: colour
    border.color: outline
    border.width: Math.max(2, height * 0.04)
    onPatternChanged: canvas.requestPaint()
    onColourChanged: canvas.requestPaint()
    Canvas {
        id: canvas
        anchors.fill: parent
        anchors.margins: flag.border.width
        onPaint: {
            const ctx = getContext("2d")
            ctx.reset()
            ctx.lineWidth = Math.max(3, height * 0.12)
            if (flag.pattern === "diagonal") {
                ctx.strokeStyle = "#000000"
                ctx.beginPath(); ctx.moveTo(0, height); ctx.lineTo(width, 0); ctx.stroke()
            } else if (flag.pattern === "cross") {
                ctx.strokeStyle = "#ffffff"
                ctx.beginPath(); ctx.moveTo(0, 0); ctx.lineTo(width, height); ctx.moveTo(0, height); ctx.lineTo(width, 0); ctx.stroke()
            } else if (flag.pattern === "dots") {
                ctx.fillStyle = "#ffffff"
                for (let i = 1; i <= 3; i++)
                    for (let j = 1; j <= 2; j++) {
                        ctx.beginPath(); ctx.arc(width * i / 4, height * j / 3, height * 0.09, 0, 2 * Math.PI); ctx.fill()
                    }
            } else if (flag.pattern === "none") {
                ctx.strokeStyle = "#ffffff"
                ctx.beginPath(); ctx.moveTo(width * 0.25, height / 2); ctx.lineTo(width * 0.75, height / 2); ctx.stroke()
            }
        }
    }
}
