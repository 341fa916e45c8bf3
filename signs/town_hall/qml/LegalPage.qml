import QtQuick

// The legal acts: on their own screens of the hall (the legal_acts item); here, where to find them.
ScrollPage {
    id: legal
    objectName: "page-legal-acts"
    Text {
        width: parent.width
        textFormat: Text.PlainText
        text: legal.ui.tr("Les actes administratifs de la ville (arrêtés, délibérations) se consultent sur l'écran d'affichage légal du hall, "
                          + "et sur papier à l'accueil de la mairie.",
                          "The town's official notices (orders, council decisions) can be read on the official-notices screen in the hall, "
                          + "and on paper at the town hall reception desk.")
        color: legal.pal.ink
        font.pixelSize: legal.pal.title
        wrapMode: Text.WordWrap
        activeFocusOnTab: true
    }
}
