import QtQuick

// The page the visitor is on, made when they open it (and gone when they leave it): a new session
// starts from fresh pages, nothing typed or scrolled survives.
Item {
    id: pages
    property Item ui
    readonly property string page: ui.page
    readonly property var tiles: ui.descriptor.tiles || []
    function tileFor(id) { for (const t of tiles) if (t.id === id) return t; return null }
    function titleFor(key) {
        const tr = ui.tr
        if (key === "home") return tr("Accueil", "Home")
        if (key === "help") return tr("Aide", "Help")
        if (key === "access") return tr("Accessibilité", "Accessibility")
        if (key === "acceo" || key === "acceo-call") return "Acceo"
        if (key.startsWith("info:")) {
            const p = (ui.descriptor.info || [])[parseInt(key.slice(5))]
            return p ? tr(p.title_fr, p.title_en) : tr("Infos pratiques", "Practical information")
        }
        for (const t of tiles) if (t.view === key || "web:" + t.id === key) return tr(t.label_fr, t.label_en)
        return tr("Accueil", "Home")
    }
    function reload() { loader.active = false; loader.active = true }
    Component.onCompleted: ui.titleOfPage = Qt.binding(() => pages.titleFor(pages.page))

    Loader {
        id: loader
        anchors.fill: parent
        objectName: "page-loader"
        sourceComponent: {
            const p = pages.page
            if (p === "home") return homePage
            if (p === "agenda" || p === "news") return entriesPage
            if (p === "info" || p.startsWith("info:")) return infoPage
            if (p === "acceo") return acceoPage
            if (p === "acceo-call") return acceoCall
            if (p === "map") return mapPage
            if (p === "help") return helpPage
            if (p === "access") return accessPage
            if (p === "legal_acts") return legalPage
            if (p.startsWith("web:")) return webPage
            return homePage
        }
    }
    Component { id: homePage; HomePage { ui: pages.ui } }
    Component { id: entriesPage; EntriesPage { ui: pages.ui; news: pages.page === "news" } }
    Component { id: infoPage; InfoPage { ui: pages.ui; index: pages.page.startsWith("info:") ? parseInt(pages.page.slice(5)) : -1 } }
    Component { id: acceoPage; AcceoPage { ui: pages.ui } }
    Component { id: acceoCall; WebPage { ui: pages.ui; call: true; url: (pages.ui.descriptor.acceo || {}).page || ""
                                          allowList: ["app.acce-o.fr"]; mediaOrigin: (pages.ui.descriptor.acceo || {}).origin || ""
                                          qr: (pages.ui.descriptor.acceo || {}).qr || "" } }
    Component { id: mapPage; MapPage { ui: pages.ui } }
    Component { id: helpPage; HelpPage { ui: pages.ui } }
    Component { id: accessPage; AccessPage { ui: pages.ui } }
    Component { id: legalPage; LegalPage { ui: pages.ui } }
    Component { id: webPage; WebPage { ui: pages.ui; tile: pages.tileFor(pages.page.slice(4)) } }
}
