import QtQuick

// Hosts one item's view. Opaque (the region's background, or a view covering it all), so the
// host beneath is hidden from the eye but still rendered.
//
// Views are made with Component.createObject and destroyed by hand: Loader.setSource with
// initial properties grew memory by about 0.5 MB per 1,000 loads (measured); this does not.
Rectangle {
    id: host
    property int slot
    property QtObject controller
    property int token: 0
    property bool active: false
    property Item view: null
    readonly property bool loaded: view !== null
    property var components: ({})
    anchors.fill: parent
    // Transparent (not drawn at all) under a view that covers it: overdraw saved on every frame.
    color: view !== null && view.coversHost === true ? "transparent" : controller.background
    visible: false

    function load(descriptor) {
        unload()
        token = descriptor.token
        visible = true
        opacity = 1
        const component = componentFor(descriptor.view)
        if (component.status !== Component.Ready) {
            controller.report_failed(slot, token, "the view for '" + descriptor.kind + "' did not load: " + component.errorString())
            return
        }
        view = component.createObject(host, { "descriptor": descriptor, "host": host })
        if (view === null) {
            controller.report_failed(slot, token, "the view for '" + descriptor.kind + "' could not be made")
            return
        }
        view.ready.connect(host.viewReady)
        view.failed.connect(host.viewFailed)
        if (view.interacted !== undefined)  // interactive kinds say when the visitor touched them
            view.interacted.connect(host.viewInteracted)
    }
    function unload() {
        if (view !== null) {
            // destroy() is deferred: a dying view must not report for the next one.
            view.ready.disconnect(host.viewReady)
            view.failed.disconnect(host.viewFailed)
            if (view.interacted !== undefined)
                view.interacted.disconnect(host.viewInteracted)
            view.destroy()
            view = null
        }
        token = 0
        active = false
        visible = false
    }
    function viewReady() { controller.report_ready(slot, token) }
    function viewFailed(reason) { controller.report_failed(slot, token, reason) }
    function viewInteracted() { controller.report_interaction(slot, token) }
    // The visitor left: the view forgets them (what they typed, the page they opened).
    function resetSession() { if (view !== null && typeof view.resetSession === "function") view.resetSession() }
    // The view of each kind is named by the descriptor (the kind registry chose it), made once.
    function componentFor(view) {
        const url = view || Qt.resolvedUrl("Missing.qml")
        if (!(url in components))
            components[url] = Qt.createComponent(url)
        return components[url]
    }
}
