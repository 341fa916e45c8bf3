import QtQuick
import QtWebEngine

// The page of a LockedWebView (lockedView): every way out is closed here. Settings switch off what
// Chromium can refuse on its own (window.open, clipboard, fullscreen, drops, file URLs...); the
// handlers refuse the rest and ask lockedView to explain.
WebEngineView {
    id: web
    property Item lockedView
    anchors.fill: parent
    settings.javascriptCanOpenWindows: false  // window.open without a touch is blocked by Chromium
    settings.javascriptCanAccessClipboard: false
    settings.javascriptCanPaste: false
    settings.localContentCanAccessFileUrls: false
    settings.localContentCanAccessRemoteUrls: false
    settings.pluginsEnabled: false
    settings.fullScreenSupportEnabled: false
    settings.screenCaptureEnabled: false
    settings.navigateOnDropEnabled: false  // a link dropped on the page does not open
    settings.allowWindowActivationFromJavaScript: false
    settings.allowGeolocationOnInsecureOrigins: false
    settings.allowRunningInsecureContent: false
    settings.hyperlinkAuditingEnabled: false
    settings.webRTCPublicInterfacesOnly: true
    settings.dnsPrefetchEnabled: false
    settings.focusOnNavigationEnabled: true

    onNavigationRequested: function(request) {
        const target = request.url.toString()
        const d = lockedView.decision(target, request.isMainFrame)
        if (d.verdict === "load") { request.accept(); return }
        request.reject()
        if (d.verdict === "external") lockedView.showExternal(d.scheme, d.target)
        else lockedView.refuse(d.reason, target)
    }
    onNewWindowRequested: function(request) {
        const target = request.requestedUrl.toString()
        const d = lockedView.decision(target, true)
        if (d.verdict === "external") { lockedView.showExternal(d.scheme, d.target); return }
        if (d.verdict !== "load") { lockedView.refuse("new-window", target); return }
        lockedView.popupTimes = lockedView.burst(lockedView.popupTimes, 10000)
        if (lockedView.popupTimes.length > lockedView.popupsPer10s) { lockedView.quarantine("popup-storm"); return }
        web.url = request.requestedUrl  // an allowed page that wanted a new window opens in place
    }
    onUrlChanged: lockedView.committed(web.url.toString())  // the last lock: whatever got through goes back
    // A page's console is not the kiosk's journal; but Chromium says there when it refused a local
    // or data: URL on its own (before any navigation request), and the visitor must hear of it too.
    onJavaScriptConsoleMessage: function(level, message, line, source) {
        const refusal = /^Not allowed to (load local resource|navigate top frame to data URL): (.{0,200})/.exec(message)
        if (refusal && level === WebEngineView.ErrorMessageLevel) lockedView.refuse("scheme", refusal[2])
    }
    onLoadingChanged: function(info) {
        if (info.status === WebEngineView.LoadStartedStatus) { lockedView.loadStarted(); return }
        lockedView.loadEnded(info.status === WebEngineView.LoadSucceededStatus,
                             info.status === WebEngineView.LoadFailedStatus ? info.errorCode : 0, info.url.toString())
    }
    onRenderProcessTerminated: function(status, exitCode) {
        if (status !== WebEngineView.NormalTerminationStatus) lockedView.rendererCrashed()
    }
    onJavaScriptDialogRequested: function(request) {
        request.accepted = true
        lockedView.dialogRequested(request)
    }
    onPermissionRequested: function(permission) {
        const origin = permission.origin.toString()
        if (lockedView.sessions && lockedView.sessions.permits(origin, permission.permissionType, lockedView.mediaOrigin)) {
            permission.grant()
            lockedView.mediaGranted = true
            return
        }
        permission.deny()
        lockedView.refuse("permission", origin)
    }
    onFileDialogRequested: function(request) { request.accepted = true; request.dialogReject(); lockedView.refuse("file", web.url.toString()) }
    onAuthenticationDialogRequested: function(request) { request.accepted = true; request.dialogReject() }
    onColorDialogRequested: function(request) { request.accepted = true; request.dialogReject() }
    onContextMenuRequested: function(request) { request.accepted = true }
    onTouchSelectionMenuRequested: function(request) { request.accepted = true }
    onFullScreenRequested: function(request) { request.reject(); lockedView.refuse("fullscreen", web.url.toString()) }
    onPrintRequested: lockedView.refuse("print", web.url.toString())
    onRegisterProtocolHandlerRequested: function(request) { request.reject() }
    onFileSystemAccessRequested: function(request) { request.reject(); lockedView.refuse("file", web.url.toString()) }
}
