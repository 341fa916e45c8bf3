import QtQuick

// Acceo, for deaf and hard-of-hearing visitors: what it offers in plain words with pictograms, a QR
// code to the town's Acceo page, the hours with "disponible maintenant" or "fermé : reprise ...",
// "Appeler depuis la borne" when configured and open; outside hours the next opening and the other
// ways to reach the town hall. Never a dead end.
ScrollPage {
    id: acceo
    objectName: "page-acceo"
    readonly property var config: ui.descriptor.acceo || ({})
    readonly property bool configured: config.page !== undefined
    readonly property bool open: configured && ui.session !== null && ui.session.acceoOpen
    readonly property bool canCall: open && config.call_from_kiosk === true
    Text {
        width: parent.width; textFormat: Text.PlainText; wrapMode: Text.WordWrap
        text: acceo.ui.tr("Vous êtes sourd ou malentendant ? Parlez avec la mairie grâce à Acceo, gratuitement.",
                          "Deaf or hard of hearing? Talk with the town hall through Acceo, free of charge.")
        color: acceo.pal.ink; font.pixelSize: acceo.pal.title; font.bold: true
        activeFocusOnTab: true
        Accessible.role: Accessible.StaticText; Accessible.name: text
    }
    Text {
        objectName: "acceo-status"
        width: parent.width; textFormat: Text.PlainText; wrapMode: Text.WordWrap
        text: !acceo.configured ? acceo.ui.tr("Acceo n'est pas encore proposé sur cette borne.", "Acceo is not offered on this kiosk yet.")
              : (acceo.open ? "● " : "■ ") + acceo.ui.tr(acceo.ui.session.acceoFr, acceo.ui.session.acceoEn).replace(/(\d) h/g, "$1\u00a0h")
        color: acceo.open ? acceo.pal.ok : acceo.pal.closed
        font.pixelSize: Math.min(acceo.pal.huge * 0.8, acceo.pal.base * 2.6); font.bold: true
        activeFocusOnTab: true
        Accessible.role: Accessible.StaticText; Accessible.name: text
    }
    Text {
        objectName: "acceo-contacts"
        visible: !acceo.open
        width: parent.width; textFormat: Text.PlainText; wrapMode: Text.WordWrap
        text: acceo.ui.tr("En dehors de ces horaires, d'autres moyens de nous joindre :\n", "Outside these hours, other ways to reach us:\n")
              + "• " + acceo.ui.tr(acceo.config.desk_fr || "Accueil de la mairie", acceo.config.desk_en || "Town hall reception desk")
              + (acceo.config.sms ? "\n• " + acceo.ui.tr("SMS : ", "Text message: ") + acceo.config.sms : "")
              + (acceo.config.email ? "\n• " + acceo.ui.tr("Courriel : ", "E-mail: ") + acceo.config.email : "")
              + (acceo.config.phone ? "\n• " + acceo.ui.tr("Téléphone : ", "Phone: ") + acceo.config.phone : "")
        color: acceo.pal.ink; font.pixelSize: acceo.pal.title
        activeFocusOnTab: true
        Accessible.role: Accessible.StaticText; Accessible.name: text
    }
    BigButton {
        objectName: "acceo-call"
        visible: acceo.canCall
        pal: acceo.pal
        pictogram: "hands"
        fill: acceo.pal.acceo; ink: acceo.pal.acceoInk
        width: Math.min(parent.width, Math.max(implicitWidth, acceo.pal.body * 18)); height: acceo.pal.target * 1.3
        text: acceo.ui.tr("Appeler depuis la borne", "Call from the kiosk")
        onClicked: acceo.ui.open("acceo-call")
    }
    Flow {
        width: parent.width
        spacing: acceo.pal.body * 0.6
        Repeater {
            model: [["news", "Transcription : ce qui est dit s'écrit en direct sur l'écran.", "Transcription: what is said is written live on the screen."],
                    ["hands", "LSF : un interprète en langue des signes française, en vidéo.", "LSF: a French Sign Language interpreter, by video."],
                    ["person", "LfPC : un codeur en langue française parlée complétée, en vidéo.", "LfPC: a cued-speech coder, by video."]]
            Rectangle {
                required property var modelData
                width: acceo.width >= acceo.pal.body * 40 ? (parent.width - parent.spacing * 2) / 3 : parent.width
                height: serviceText.implicitHeight + picto.height + acceo.pal.body * 1.6
                radius: acceo.pal.body * 0.3
                color: acceo.pal.card
                border.color: acceo.pal.line
                border.width: 2
                Pictogram { id: picto; name: parent.modelData[0]; ink: acceo.pal.acceo
                            width: acceo.pal.body * 2.6; height: width; x: acceo.pal.body * 0.6; y: acceo.pal.body * 0.5 }
                Text {
                    id: serviceText
                    anchors { top: picto.bottom; left: parent.left; right: parent.right; margins: acceo.pal.body * 0.6 }
                    textFormat: Text.PlainText; wrapMode: Text.WordWrap
                    text: acceo.ui.tr(parent.modelData[1], parent.modelData[2]); color: acceo.pal.ink; font.pixelSize: acceo.pal.body
                }
            }
        }
    }
    Row {
        visible: acceo.configured
        width: parent.width
        spacing: acceo.pal.body
        Image { id: qr; source: acceo.config.qr || ""; width: Math.min(acceo.pal.body * 9, 300, parent.width * 0.4); height: width
                sourceSize.width: 300; smooth: false; Accessible.name: acceo.ui.tr("Code QR vers la page Acceo de la mairie", "QR code to the town hall's Acceo page") }
        Text {
            width: parent.width - qr.width - parent.spacing
            textFormat: Text.PlainText; wrapMode: Text.WordWrap
            text: acceo.ui.tr("Avec votre téléphone : scannez ce code pour appeler avec l'application Acceo.\n", "With your phone: scan this code to call through the Acceo app.\n")
                  + acceo.ui.tr("Horaires :\n", "Hours:\n") + (acceo.config.hours || []).map(h => acceo.ui.tr(h.fr, h.en)).join("\n")
            color: acceo.pal.ink; font.pixelSize: acceo.pal.body
        }
    }
}
