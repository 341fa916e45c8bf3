import QtQuick

// Simple pictograms drawn here (no image files, no font glyphs that may be missing): thick strokes
// in the button's ink colour, so they follow high contrast. A pictogram never stands alone: a label
// always says the same thing in words.
Canvas {
    id: canvas
    property string name: ""
    property color ink: "#000000"
    onNameChanged: requestPaint()
    onInkChanged: requestPaint()
    onWidthChanged: requestPaint()
    renderStrategy: Canvas.Immediate
    Accessible.ignored: true

    function frame(c, s) { c.strokeRect(s * 0.12, s * 0.18, s * 0.76, s * 0.68) }
    function circle(c, x, y, r) { c.beginPath(); c.arc(x, y, r, 0, Math.PI * 2); c.stroke() }
    function line(c, x1, y1, x2, y2) { c.beginPath(); c.moveTo(x1, y1); c.lineTo(x2, y2); c.stroke() }

    onPaint: {
        const c = getContext("2d")
        const s = Math.min(width, height)
        c.reset()
        c.strokeStyle = ink
        c.fillStyle = ink
        c.lineWidth = Math.max(2, s * 0.08)
        c.lineCap = "round"
        c.lineJoin = "round"
        switch (name) {
        case "calendar":
            frame(c, s); line(c, s * 0.12, s * 0.36, s * 0.88, s * 0.36)
            line(c, s * 0.32, s * 0.1, s * 0.32, s * 0.26); line(c, s * 0.68, s * 0.1, s * 0.68, s * 0.26)
            c.fillRect(s * 0.28, s * 0.5, s * 0.14, s * 0.12); c.fillRect(s * 0.56, s * 0.5, s * 0.14, s * 0.12)
            break
        case "news":
            frame(c, s); c.fillRect(s * 0.22, s * 0.3, s * 0.25, s * 0.2)
            for (let i = 0; i < 3; ++i) line(c, s * 0.55, s * (0.32 + i * 0.1), s * 0.78, s * (0.32 + i * 0.1))
            line(c, s * 0.22, s * 0.66, s * 0.78, s * 0.66); line(c, s * 0.22, s * 0.76, s * 0.7, s * 0.76)
            break
        case "law":
            line(c, s * 0.5, s * 0.12, s * 0.5, s * 0.86); line(c, s * 0.18, s * 0.26, s * 0.82, s * 0.26)
            line(c, s * 0.3, s * 0.86, s * 0.7, s * 0.86)
            c.beginPath(); c.arc(s * 0.22, s * 0.5, s * 0.12, 0, Math.PI); c.stroke()
            c.beginPath(); c.arc(s * 0.78, s * 0.5, s * 0.12, 0, Math.PI); c.stroke()
            line(c, s * 0.22, s * 0.26, s * 0.12, s * 0.5); line(c, s * 0.22, s * 0.26, s * 0.34, s * 0.5)
            line(c, s * 0.78, s * 0.26, s * 0.66, s * 0.5); line(c, s * 0.78, s * 0.26, s * 0.9, s * 0.5)
            break
        case "hands":  // a hand signing beside a speech bubble: Acceo (sign language, transcription)
            c.beginPath(); c.moveTo(s * 0.1, s * 0.14); c.lineTo(s * 0.6, s * 0.14); c.lineTo(s * 0.6, s * 0.44)
            c.lineTo(s * 0.3, s * 0.44); c.lineTo(s * 0.18, s * 0.56); c.lineTo(s * 0.2, s * 0.44); c.lineTo(s * 0.1, s * 0.44); c.closePath(); c.stroke()
            for (let f = 0; f < 4; ++f) line(c, s * (0.52 + f * 0.1), s * 0.9, s * (0.5 + f * 0.12), s * 0.56)
            line(c, s * 0.5, s * 0.9, s * 0.84, s * 0.9); line(c, s * 0.48, s * 0.76, s * 0.36, s * 0.62)
            break
        case "map":
            c.beginPath(); c.moveTo(s * 0.5, s * 0.88); c.bezierCurveTo(s * 0.2, s * 0.55, s * 0.2, s * 0.12, s * 0.5, s * 0.12)
            c.bezierCurveTo(s * 0.8, s * 0.12, s * 0.8, s * 0.55, s * 0.5, s * 0.88); c.stroke()
            circle(c, s * 0.5, s * 0.38, s * 0.1)
            break
        case "form":
            c.strokeRect(s * 0.2, s * 0.1, s * 0.6, s * 0.8)
            for (let j = 0; j < 4; ++j) line(c, s * 0.32, s * (0.28 + j * 0.15), s * 0.68, s * (0.28 + j * 0.15))
            break
        case "clock":
            circle(c, s * 0.5, s * 0.5, s * 0.38); line(c, s * 0.5, s * 0.5, s * 0.5, s * 0.26); line(c, s * 0.5, s * 0.5, s * 0.68, s * 0.6)
            break
        case "ticket":
            c.strokeRect(s * 0.1, s * 0.28, s * 0.8, s * 0.44); c.setLineDash([s * 0.06, s * 0.06])
            line(c, s * 0.66, s * 0.3, s * 0.66, s * 0.7); c.setLineDash([])
            break
        case "person":
            circle(c, s * 0.5, s * 0.3, s * 0.16)
            c.beginPath(); c.arc(s * 0.5, s * 0.9, s * 0.32, Math.PI, Math.PI * 2); c.stroke()
            break
        case "web":
            circle(c, s * 0.5, s * 0.5, s * 0.38); line(c, s * 0.12, s * 0.5, s * 0.88, s * 0.5)
            c.beginPath(); c.ellipse(s * 0.32, s * 0.12, s * 0.36, s * 0.76); c.stroke()
            break
        case "help":
            circle(c, s * 0.5, s * 0.5, s * 0.4)
            c.beginPath(); c.arc(s * 0.5, s * 0.38, s * 0.12, Math.PI, Math.PI * 2.4); c.stroke()
            line(c, s * 0.5, s * 0.52, s * 0.5, s * 0.6); c.fillRect(s * 0.45, s * 0.68, s * 0.1, s * 0.1)
            break
        case "home":
            c.beginPath(); c.moveTo(s * 0.12, s * 0.5); c.lineTo(s * 0.5, s * 0.14); c.lineTo(s * 0.88, s * 0.5); c.stroke()
            c.strokeRect(s * 0.24, s * 0.46, s * 0.52, s * 0.4)
            break
        case "back":
            line(c, s * 0.2, s * 0.5, s * 0.82, s * 0.5); line(c, s * 0.2, s * 0.5, s * 0.44, s * 0.26); line(c, s * 0.2, s * 0.5, s * 0.44, s * 0.74)
            break
        case "access":  // the international symbol of access, simplified: a person with open arms
            circle(c, s * 0.5, s * 0.18, s * 0.08); line(c, s * 0.2, s * 0.34, s * 0.8, s * 0.34)
            line(c, s * 0.5, s * 0.34, s * 0.5, s * 0.6); line(c, s * 0.5, s * 0.6, s * 0.34, s * 0.88); line(c, s * 0.5, s * 0.6, s * 0.66, s * 0.88)
            break
        case "language":
            c.strokeRect(s * 0.08, s * 0.14, s * 0.5, s * 0.4); c.strokeRect(s * 0.42, s * 0.46, s * 0.5, s * 0.4)
            break
        case "stop":
            c.strokeRect(s * 0.22, s * 0.22, s * 0.56, s * 0.56)
            break
        default:  // info
            circle(c, s * 0.5, s * 0.5, s * 0.4); c.fillRect(s * 0.45, s * 0.24, s * 0.1, s * 0.1)
            line(c, s * 0.5, s * 0.44, s * 0.5, s * 0.74)
        }
    }
}
