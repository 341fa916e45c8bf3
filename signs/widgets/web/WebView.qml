import QtQuick
import QtWebEngine

// A web page, locked down: navigation only to its own origin and the item's allow-list (the
// rules of the locked-down browser, kiosk/browser), no new windows, no dialogs, downloads, files,
// permissions, context menu or full screen: a signage page has no visitor to answer them. "Ready" comes after the page has loaded and had time to paint: a page
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
        settings.javascriptCanOpenWindows: false
        settings.javascriptCanAccessClipboard: false
        settings.javascriptCanPaste: false
        settings.localContentCanAccessFileUrls: false
        settings.pluginsEnabled: false
        settings.fullScreenSupportEnabled: false
        settings.screenCaptureEnabled: false
        settings.navigateOnDropEnabled: false
        settings.allowWindowActivationFromJavaScript: false
        settings.hyperlinkAuditingEnabled: false
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
        onJavaScriptDialogRequested: function(request) {  // nobody to answer: never shown, never blocking
            request.accepted = true
            if (request.type === JavaScriptDialogRequest.DialogTypeBeforeUnload) request.dialogAccept()
            else request.dialogReject()
        }
        onJavaScriptConsoleMessage: function(level, message, line, source) { /* a page's console is not the journal */ }
        onPermissionRequested: function(permission) { permission.deny() }
        onFileDialogRequested: function(request) { request.accepted = true; request.dialogReject() }
        onAuthenticationDialogRequested: function(request) { request.accepted = true; request.dialogReject() }
        onColorDialogRequested: function(request) { request.accepted = true; request.dialogReject() }
        onContextMenuRequested: function(request) { request.accepted = true }
        onFullScreenRequested: function(request) { request.reject() }
        onRegisterProtocolHandlerRequested: function(request) { request.reject() }
        onFileSystemAccessRequested: function(request) { request.reject() }
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
