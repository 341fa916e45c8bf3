import QtQuick
import QtWebEngine

// The locked-down browser of a kiosk tile. Signs create it with
// Qt.createComponent(browserComponentUrl) and set url, allowList and mediaOrigin.
// Its page lives in the visitor session's off-the-record profile (webSessions.profile); when the
// session ends the page is destroyed before the profile is dropped. Every navigation, new window,
// permission and dialog goes through the checks below (and the profile's request gate sees frame
// loads and redirects): what is refused is explained on a panel, never silently.
Item {
    id: root
    property string url: ""                 // the tile's start page
    property var allowList: []              // hosts ("www.istres.fr") or "*.istres.fr"
    property string mediaOrigin: ""         // camera and microphone for this origin only (Acceo)
    property real loadTimeoutS: 20
    signal refused(string reason, string url)
    signal externalLink(string scheme, string target)
    signal visitorActivity()
    function goHome() { panel.kind = ""; root.load(root.url) }
    function back() {
        if (web && web.canGoBack) { panel.kind = ""; web.goBack() } else root.goHome()
    }

    readonly property var sessions: typeof webSessions !== "undefined" ? webSessions : null
    readonly property string language: typeof accessibility !== "undefined" && accessibility
                                       && accessibility.language === "en" ? "en" : "fr"
    readonly property string currentUrl: web ? web.url.toString() : ""
    property bool mediaGranted: false  // camera/microphone given to mediaOrigin on this page: the sign pauses its idle timer
    readonly property string shownPanel: panel.kind  // "" when no panel: for tests and the sign
    readonly property string shownDetail: panel.detail
    readonly property string shownQr: panel.kind === "external" ? panel.qrSource : ""
    property var web: null
    property int gateToken: 0
    property var pendingDialog: null
    property var crashTimes: []
    property var dialogTimes: []
    property var popupTimes: []
    readonly property int crashReloadsPerMinute: 3
    readonly property int dialogsPer10s: 5
    readonly property int popupsPer10s: 10  // Chromium lets one popup through per touch: only a frantic page gets here

    // How many of the recent events fall in the window, this one included (bounded list).
    function burst(times, windowMs) {
        const now = Date.now()
        const recent = times.filter(t => now - t < windowMs).slice(-20)
        recent.push(now)
        return recent
    }
    function decision(url, mainFrame) {
        if (!sessions) return {"verdict": "refuse", "reason": "outside"}
        return sessions.decide(url, root.url, root.allowList, mainFrame)
    }
    function refuse(reason, url, kind) {
        showPanel(kind || reason, sessions ? sessions.hostOf(url) : "")
        root.refused(reason, url)
    }
    function showPanel(kind, detail) {
        if (root.pendingDialog) return  // a page's message waits for its answer first
        panel.detail = detail
        panel.kind = kind
        panelTimeout.restart()
    }
    function showExternal(scheme, target) {
        panel.qrSource = sessions ? sessions.qrCode(scheme + ":" + target) : ""
        showPanel("external", target)
        root.externalLink(scheme, target)
    }
    function load(target) {
        if (!web) createView()
        if (web) web.url = target
    }
    function createView() {
        destroyView()
        if (!sessions) { showPanel("failed", ""); return }
        web = webComponent.createObject(frame, {"profile": sessions.profile})
        register()
    }
    function register() {  // the profile's request gate holds this view's start page and allow-list
        if (!sessions || !web) return
        if (gateToken) sessions.unregisterView(gateToken)
        gateToken = sessions.registerView(root.url, root.allowList)
    }
    function destroyView() {
        mediaGranted = false
        if (pendingDialog) { pendingDialog.dialogReject(); pendingDialog = null }
        if (sessions && gateToken) sessions.unregisterView(gateToken)
        gateToken = 0
        if (web) { web.destroy(); web = null }
        loadTimer.stop()
    }
    function quarantine(kind) {  // the page itself is the trouble: stop it, offer retry and home
        destroyView()
        showPanel(kind, "")
    }
    function answerDialog(accept) {
        const request = pendingDialog
        pendingDialog = null
        panel.kind = ""
        if (request) { if (accept) request.dialogAccept(); else request.dialogReject() }
    }

    function loadStarted() {
        mediaGranted = false  // a new page asks again
        loadTimer.restart()
        if (panel.kind === "timeout" || panel.kind === "failed") panel.kind = ""
    }
    function loadEnded(succeeded, errorCode, url) {
        loadTimer.stop()
        if (succeeded || errorCode === 0 || errorCode === -3) return  // -3: aborted, by a refusal or a newer load
        if (decision(url, true).verdict !== "load") {  // the request gate stopped a redirect hop
            refuse("outside", url)
            retreat()
        } else showPanel("failed", "")
    }
    function committed(url) {
        if (url === "" || decision(url, true).verdict === "load") return
        refuse("outside", url)
        Qt.callLater(root.retreat)
    }
    function retreat() {  // back to the last allowed page, keeping the panel that says why
        if (web && web.canGoBack) web.goBack(); else load(root.url)
    }
    function rendererCrashed() {
        crashTimes = burst(crashTimes, 60000)
        if (crashTimes.length > crashReloadsPerMinute) { quarantine("failed"); return }
        showPanel("crash", "")
        crashReload.restart()
    }
    function dialogRequested(request) {
        if (request.type === JavaScriptDialogRequest.DialogTypeBeforeUnload) { request.dialogAccept(); return }  // never traps
        dialogTimes = burst(dialogTimes, 10000)
        if (dialogTimes.length > dialogsPer10s || pendingDialog) { request.dialogReject(); quarantine("dialog-storm"); return }
        if (request.type === JavaScriptDialogRequest.DialogTypePrompt) { request.dialogReject(); return }  // no typing for a page
        showPanel(request.type === JavaScriptDialogRequest.DialogTypeConfirm ? "confirm" : "alert", request.message.slice(0, 300))
        pendingDialog = request
    }

    property bool completed: false  // initial properties set by createObject must not load twice
    onUrlChanged: if (completed) { register(); goHome() }
    onAllowListChanged: register()
    Component.onCompleted: { completed = true; if (root.url !== "") goHome() }
    Component.onDestruction: destroyView()

    Connections {
        target: root.sessions
        function onSessionEnding() { root.destroyView(); panel.kind = "" }
        function onProfileChanged() { if (root.url !== "") Qt.callLater(root.goHome) }
        function onFrameRefused(reason, url, mainFrame) { if (root.web) root.refuse(reason, url) }
        function onDownloadRefused(host) { root.refuse("download", "", "download"); panel.detail = host }
    }
    Item { id: frame; anchors.fill: parent }
    Item {  // sees every touch and click on the page without taking it: the session's idle timer
        anchors.fill: parent
        z: 5
        PointHandler { onActiveChanged: if (active) root.visitorActivity() }
    }
    LockedPanel {
        id: panel
        objectName: "lockedPanel"
        language: root.language
        onPrimary: {
            if (kind === "alert" || kind === "confirm") root.answerDialog(true)
            else if (offersRetry) root.load(root.currentUrl !== "" ? root.currentUrl : root.url)
            else kind = ""
            if (offersRetry) kind = ""
        }
        onSecondary: { if (kind === "confirm") root.answerDialog(false); else root.goHome() }
    }
    Timer { id: panelTimeout; interval: 15000; onTriggered: if (!root.pendingDialog && !panel.offersRetry) panel.kind = "" }
    Timer {
        id: loadTimer
        interval: Math.max(1, Math.min(root.loadTimeoutS, 300)) * 1000
        onTriggered: { if (root.web) root.web.stop(); root.showPanel("timeout", "") }
    }
    Timer { id: crashReload; interval: 1500; onTriggered: if (root.web) { root.web.reload(); panel.kind = "" } }

    Component {
        id: webComponent
        LockedEngineView { lockedView: root }
    }
}
