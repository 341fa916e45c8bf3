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
    function reload() { show() }
    Component.onCompleted: { ui.titleOfPage = Qt.binding(() => pages.titleFor(pages.page)); show() }

    // Made with createObject and initial values (no bindings to this object: a page being destroyed
    // must not read the next one's state), destroyed by hand when the visitor leaves it.
    property Item current: null
    property string shown: ""
    onPageChanged: Qt.callLater(show)  // not inside the notification: the old page's teardown may touch the session
    Component.onDestruction: if (current !== null) current.destroy()
    function show() {
        const p = page
        let component = homePage, props = { "ui": ui }
        if (p === "agenda" || p === "news") { component = entriesPage; props.news = p === "news" }
        else if (p === "info" || p.startsWith("info:")) { component = infoPage; props.index = p.startsWith("info:") ? parseInt(p.slice(5)) : -1 }
        else if (p === "acceo") component = acceoPage
        else if (p === "acceo-call") {
            const acceo = ui.descriptor.acceo || {}
            component = webPage
            Object.assign(props, { "call": true, "url": acceo.page || "", "allowList": ["app.acce-o.fr"], "mediaOrigin": acceo.origin || "",
                                   "qr": acceo.qr || "" })
        }
        else if (p === "map") component = mapPage
        else if (p === "help") component = helpPage
        else if (p === "access") component = accessPage
        else if (p === "legal_acts") component = legalPage
        else if (p.startsWith("web:")) {
            const tile = tileFor(p.slice(4)) || {}
            component = webPage
            Object.assign(props, { "url": tile.url || "", "allowList": tile.allow || [], "qr": tile.qr || "" })
        }
        if (current !== null) { current.visible = false; current.destroy() }
        current = component.createObject(holder, props)
        shown = p
        if (current !== null && typeof current.start === "function") current.start()
        Qt.callLater(keepFocus)
    }
    // A keypad user whose focused control went with the old page lands on the new page's first control.
    function keepFocus() {
        const focused = Window.activeFocusItem
        if (focused !== null && focused.visible && focused !== Window.contentItem) return
        const first = current !== null ? current.nextItemInFocusChain(true) : null
        if (first !== null && current.contains(current.mapFromItem(first, 1, 1))) first.forceActiveFocus()
        else ui.focusBar()
    }
    Item { id: holder; objectName: "page-holder"; anchors.fill: parent }

    Component { id: homePage; HomePage { anchors.fill: parent } }
    Component { id: entriesPage; EntriesPage { anchors.fill: parent } }
    Component { id: infoPage; InfoPage { anchors.fill: parent } }
    Component { id: acceoPage; AcceoPage { anchors.fill: parent } }
    Component { id: webPage; WebPage { anchors.fill: parent } }
    Component { id: mapPage; MapPage { anchors.fill: parent } }
    Component { id: helpPage; HelpPage { anchors.fill: parent } }
    Component { id: accessPage; AccessPage { anchors.fill: parent } }
    Component { id: legalPage; LegalPage { anchors.fill: parent } }
}
