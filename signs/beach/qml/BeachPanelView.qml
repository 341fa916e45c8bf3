import QtQuick

// The Romaniquette panel: read from several metres in full sun. Very large numerals, strong
// contrast (day: black on white; night: white on black), every value with its time, French and
// English alternating. An H2S alert takes the whole panel.
Rectangle {
    id: view
    anchors.fill: parent
    property var descriptor
    property Item host
    readonly property bool active: host !== null && host.active
    signal ready()
    signal failed(string reason)

    readonly property QtObject live: liveData.source(descriptor.live)
    readonly property var d: live ? live.display : ({})
    property bool english: false
    readonly property bool day: d.day === true
    readonly property color ink: day ? "#0d1117" : "#f5f7fa"
    readonly property color paper: day ? "#ffffff" : "#000000"
    readonly property color muted: day ? "#3a4450" : "#c9d1d9"
    readonly property color line: day ? "#c4ccd4" : "#3a4450"
    readonly property bool portrait: height > width
    readonly property real unit: Math.min(width / (portrait ? 2 : 3), height / (portrait ? 4.2 : 3.2))
    function t(key) { return d[key + (english ? "_en" : "_fr")] || "" }

    color: paper
    Timer { interval: 8000; repeat: true; running: view.d.bilingual === true; onTriggered: view.english = !view.english }
    Component.onCompleted: Qt.callLater(view.ready)

    Column {
        anchors.fill: parent
        anchors.margins: view.unit * 0.06
        spacing: view.unit * 0.05
        visible: view.d.alert !== true

        // Header: the place and the flag, colour + pattern + words.
        Row {
            width: parent.width
            height: view.unit * 0.62
            spacing: view.unit * 0.08
            FlagIcon {
                objectName: "flag-icon"
                flag: view.d.flag || ""  // a media.feeds.flag.Flag value
                height: parent.height * 0.86
                width: height * 1.4
                anchors.verticalCenter: parent.verticalCenter
                colour: view.d.flag_colour || "#5f6b73"
                pattern: view.d.flag_pattern || "none"
                outline: view.ink
            }
            Column {
                width: parent.width - parent.height * 1.4 - parent.spacing
                anchors.verticalCenter: parent.verticalCenter
                Text {
                    textFormat: Text.PlainText  // outside text (set_by, names) is never markup
                    width: parent.width
                    height: view.unit * 0.44
                    text: view.t("flag")
                    color: view.ink
                    font.pixelSize: view.unit * 0.14
                    font.bold: true
                    wrapMode: Text.WordWrap
                    fontSizeMode: Text.Fit  // the whole meaning, smaller, rather than cut
                    minimumPixelSize: 10
                    verticalAlignment: Text.AlignVCenter
                }
                Text {
                    textFormat: Text.PlainText
                    objectName: "flag-by"
                    width: parent.width
                    text: (view.d.site_name || "") + (view.t("flag_by") ? "  ·  " + view.t("flag_by") : "")
                    color: view.muted
                    font.pixelSize: view.unit * 0.085
                    elide: Text.ElideRight
                }
            }
        }

        Grid {
            id: grid
            width: parent.width
            height: parent.height - view.unit * 0.67
            columns: view.portrait ? 2 : 3
            spacing: view.unit * 0.05
            Repeater {
                model: view.d.tiles || []
                delegate: Rectangle {
                    width: (grid.width - grid.spacing * (grid.columns - 1)) / grid.columns
                    height: (grid.height - grid.spacing * (Math.ceil(6 / grid.columns) - 1)) / Math.ceil(6 / grid.columns)
                    color: "transparent"
                    border.color: modelData.colour !== "" ? modelData.colour : view.line
                    border.width: modelData.colour !== "" ? view.unit * 0.035 : view.unit * 0.012
                    radius: view.unit * 0.04
                    Column {
                        anchors.fill: parent
                        anchors.margins: view.unit * 0.05
                        Text {
                            textFormat: Text.PlainText
                            width: parent.width
                            text: view.english ? modelData.label_en : modelData.label_fr
                            color: view.muted
                            font.pixelSize: view.unit * 0.1
                            font.bold: true
                            fontSizeMode: Text.HorizontalFit
                            minimumPixelSize: 10
                        }
                        Row {
                            width: parent.width
                            height: parent.height * 0.5
                            spacing: view.unit * 0.03
                            Text {
                                textFormat: Text.PlainText
                                // Numbers and words ("très faible") both fit: shrink rather than overflow.
                                width: Math.min(implicitWidth, parent.width - unitText.width - parent.spacing)
                                height: parent.height
                                text: view.english ? modelData.value_en : modelData.value_fr
                                color: view.ink
                                font.pixelSize: Math.min(view.unit * 0.42, parent.height)
                                fontSizeMode: Text.Fit
                                minimumPixelSize: 12
                                font.bold: true
                                verticalAlignment: Text.AlignBottom
                            }
                            Text {
                                id: unitText
                                textFormat: Text.PlainText
                                text: modelData.fresh ? modelData.unit : ""
                                color: view.muted
                                font.pixelSize: view.unit * 0.11
                                anchors.bottom: parent.bottom
                                anchors.bottomMargin: view.unit * 0.06
                            }
                        }
                        Text {
                            textFormat: Text.PlainText
                            width: parent.width
                            text: view.english ? modelData.detail_en : modelData.detail_fr
                            color: view.ink
                            font.pixelSize: view.unit * 0.085
                            wrapMode: Text.WordWrap
                            maximumLineCount: 2
                            elide: Text.ElideRight
                        }
                        Text {
                            textFormat: Text.PlainText
                            width: parent.width
                            text: view.english ? modelData.age_en : modelData.age_fr
                            color: modelData.fresh ? view.muted : (view.day ? "#b00020" : "#ff8a80")
                            font.pixelSize: view.unit * 0.075
                            font.bold: !modelData.fresh
                            wrapMode: Text.WordWrap
                            maximumLineCount: 2
                        }
                    }
                }
            }
        }
    }

    // H2S alert: the whole panel, until the value stayed under the threshold for the hold period.
    Rectangle {
        anchors.fill: parent
        visible: view.d.alert === true
        color: "#b00020"
        Column {
            anchors.centerIn: parent
            width: parent.width * 0.9
            spacing: view.unit * 0.08
            Text {
                textFormat: Text.PlainText
                width: parent.width
                text: "⚠ " + view.t("alert_title")
                color: "#ffffff"
                font.pixelSize: view.unit * 0.38
                font.bold: true
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
            }
            Text {
                textFormat: Text.PlainText
                width: parent.width
                text: view.english
                      ? "Toxic gas from rotting green seaweed. Do not go onto the beach or near the seaweed."
                      : "Gaz toxique des algues vertes en décomposition. N'allez pas sur la plage ni près des algues."
                color: "#ffffff"
                font.pixelSize: view.unit * 0.15
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
            }
            Text {
                textFormat: Text.PlainText
                width: parent.width
                text: view.t("alert_level") + "  ·  " + view.t("alert_since")
                color: "#ffe0e0"
                font.pixelSize: view.unit * 0.12
                font.bold: true
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
            }
        }
    }
}
