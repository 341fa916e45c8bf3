import QtQuick

// The short, friendly explanation the locked-down browser shows instead of what it refused: never
// nothing. Texts in French and English; outside strings (a host, a dialog's message, an address)
// are shown as plain text, cut short.
Rectangle {
    id: panel
    property string kind: ""          // "" hides the panel; see the texts below for the others
    property string language: "fr"
    property string detail: ""        // a host, an alert's message or an e-mail address: plain text
    property string qrSource: ""      // a data: URL of the QR code for "external"
    signal primary()                  // OK / Réessayer / Accueil, by kind
    signal secondary()                // Annuler / Accueil
    visible: kind !== ""
    color: "#fdfdfd"
    border.color: "#1a3d7c"
    border.width: 4
    radius: 16
    width: Math.min(parent ? parent.width - 40 : 800, 900)
    height: column.implicitHeight + 48
    anchors.horizontalCenter: parent ? parent.horizontalCenter : undefined
    anchors.bottom: parent ? parent.bottom : undefined
    anchors.bottomMargin: 24
    z: 10

    readonly property var texts: ({
        "fr": {
            "outside": "Cette page n'est pas disponible sur la borne.",
            "frame-outside": "Une partie de cette page n'est pas disponible sur la borne.",
            "new-window": "Cette page voulait ouvrir une autre fenêtre : ce n'est pas possible sur la borne.",
            "popup-storm": "Cette page ouvre trop de fenêtres : elle a été arrêtée.",
            "scheme": "Ce lien n'est pas disponible sur la borne.",
            "download": "La borne ne télécharge pas de fichiers. Demandez-le à l'accueil.",
            "file": "La borne ne peut pas envoyer de fichiers.",
            "print": "La borne n'imprime pas. Demandez une copie à l'accueil.",
            "fullscreen": "Le plein écran n'est pas disponible sur la borne.",
            "permission": "La borne n'autorise pas cette page à utiliser cet équipement.",
            "external": "Scannez ce code avec votre téléphone pour écrire ou appeler :",
            "crash": "La page a rencontré un problème. Nous la rechargeons…",
            "timeout": "La page met trop de temps à répondre.",
            "failed": "La page n'a pas pu être chargée.",
            "dialog-storm": "Cette page affiche trop de messages : elle a été arrêtée.",
            "dialog": "Message de la page :",
            "ok": "OK", "retry": "Réessayer", "home": "Accueil", "cancel": "Annuler"
        },
        "en": {
            "outside": "This page is not available on this kiosk.",
            "frame-outside": "Part of this page is not available on this kiosk.",
            "new-window": "This page wanted to open another window: not possible on this kiosk.",
            "popup-storm": "This page opens too many windows: it was stopped.",
            "scheme": "This link is not available on this kiosk.",
            "download": "This kiosk does not download files. Please ask at the front desk.",
            "file": "This kiosk cannot send files.",
            "print": "This kiosk does not print. Please ask for a copy at the front desk.",
            "fullscreen": "Full screen is not available on this kiosk.",
            "permission": "This kiosk does not let this page use that device.",
            "external": "Scan this code with your phone to write or call:",
            "crash": "The page ran into a problem. Reloading it…",
            "timeout": "The page is taking too long to answer.",
            "failed": "The page could not be loaded.",
            "dialog-storm": "This page shows too many messages: it was stopped.",
            "dialog": "Message from the page:",
            "ok": "OK", "retry": "Try again", "home": "Home", "cancel": "Cancel"
        }
    })
    function say(key) {
        const table = texts[language] || texts["fr"]
        return table[key] || table["outside"]
    }
    readonly property bool offersRetry: kind === "timeout" || kind === "failed" || kind === "dialog-storm" || kind === "popup-storm"
    readonly property bool asksConfirm: kind === "confirm"

    Column {
        id: column
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 24 }
        spacing: 16
        Text {
            objectName: "panelText"
            width: parent.width
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
            font.pixelSize: 30
            color: "#111"
            text: panel.say(panel.kind === "confirm" || panel.kind === "alert" ? "dialog" : panel.kind)
        }
        Text {
            objectName: "panelDetail"
            visible: panel.detail !== ""
            width: parent.width
            wrapMode: Text.Wrap
            maximumLineCount: 6
            elide: Text.ElideRight
            textFormat: Text.PlainText
            font.pixelSize: 26
            color: "#333"
            text: panel.detail
        }
        Image {
            visible: panel.kind === "external" && panel.qrSource !== ""
            source: visible ? panel.qrSource : ""
            width: 240
            height: 240
            sourceSize: Qt.size(240, 240)
            fillMode: Image.PreserveAspectFit
        }
        Row {
            spacing: 24
            PanelButton {
                objectName: "panelPrimary"
                label: panel.say(panel.offersRetry ? "retry" : "ok")
                onActivated: panel.primary()
            }
            PanelButton {
                objectName: "panelSecondary"
                visible: panel.offersRetry || panel.asksConfirm
                label: panel.say(panel.asksConfirm ? "cancel" : "home")
                onActivated: panel.secondary()
            }
        }
    }
}
