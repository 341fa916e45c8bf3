import QtQuick
import QtWebEngine

// A web page, locked down: navigation only to its own origin and the item's allow-list,
// no new windows. "Ready" comes after the page has loaded and had time to paint: a page
// that just finished loading has not composited yet (a grab then is white).
Item {
    anchors.fill: parent
    id: view
    property var descriptor
    property Item host
    readonly property bool active: host !== null && host.active
    signal ready()
    signal failed(string reason)
    property bool reported: false

    function fail(reason) { if (!reported) { reported = true; failed(reason) } }

    WebEngineView {
        id: web
        anchors.fill: parent
        url: view.descriptor.source
        zoomFactor: view.descriptor.zoom
        settings.showScrollBars: false
        settings.playbackRequiresUserGesture: false
        onLoadingChanged: function(info) {
            if (info.status === WebEngineView.LoadSucceededStatus) paintSettle.start()
            else if (info.status === WebEngineView.LoadFailedStatus)
                view.fail("the page did not load (" + info.errorString + "): " + info.url)
        }
        onNavigationRequested: function(request) {
            if (!navigationPolicy.allows(request.url.toString(), view.descriptor.source, view.descriptor.allow))
                request.reject()
        }
        onNewWindowRequested: function(request) { /* refused: a kiosk opens no windows */ }
        onRenderProcessTerminated: function(status, code) { view.fail("the page's renderer stopped (" + code + ")") }
    }
    Timer {
        id: paintSettle
        interval: 250
        onTriggered: if (!view.reported) { view.reported = true; view.ready() }
    }
    Timer {
        interval: view.descriptor.load_timeout_ms
        running: true
        onTriggered: view.fail("the page did not load within " + interval / 1000 + " s: " + view.descriptor.source)
    }
}
