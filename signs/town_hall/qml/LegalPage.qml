import QtQuick

// The legal acts: the catalogue of the legal_acts sign itself (search, categories, the reader), made
// here when the item configures one and the runtime offers its service; otherwise where to read them.
Item {
    id: legal
    property Item ui
    property Item catalogue: null
    objectName: "page-legal-acts"

    function start() {
        const acts = ui.descriptor.legal_acts
        if (!acts || typeof legalActs === "undefined" || legalActs === null) return
        const component = Qt.createComponent(Qt.resolvedUrl("../../legal_acts/qml/LegalActsView.qml"))
        if (component.status !== Component.Ready) return
        catalogue = component.createObject(holder, { "descriptor": acts, "host": null, "english": ui.english })
        if (catalogue === null) return
        catalogue.objectName = "legal-acts-catalogue"
        catalogue.interacted.connect(ui.touched)
        catalogue.failed.connect(reason => { if (legal.catalogue !== null) { legal.catalogue.destroy(); legal.catalogue = null } })
    }
    Component.onDestruction: if (catalogue !== null) catalogue.destroy()

    Item { id: holder; anchors.fill: parent; visible: legal.catalogue !== null }
    ScrollPage {
        anchors.fill: parent
        ui: legal.ui
        visible: legal.catalogue === null
        Text {
            width: parent.width
            textFormat: Text.PlainText
            text: legal.ui.tr("Les actes administratifs de la ville (arrêtés, délibérations) se consultent sur l'écran d'affichage légal du hall, "
                              + "et sur papier à l'accueil de la mairie.",
                              "The town's official notices (orders, council decisions) can be read on the official-notices screen in the hall, "
                              + "and on paper at the town hall reception desk.")
            color: legal.ui.pal.ink
            font.pixelSize: legal.ui.pal.title
            wrapMode: Text.WordWrap
            activeFocusOnTab: true
        }
    }
}
