import QtQuick

// The town-hall touch kiosk: a home of large tiles, native pages (agenda, news, practical info, map,
// Acceo, help, accessibility) and allow-listed web pages, under a fixed bar that is the same on every
// screen (Accueil, Retour, Aide, language, accessibility, Acceo, Terminer). Touch acts on release;
// keys: arrows move the focus, Enter acts, Escape goes back, F1 opens help. The visitor's session
// (idle, warning with a countdown, end) is the KioskSession's; at its end the web data and the
// accessibility settings are wiped and the page returns home.
Rectangle {
    id: view
    anchors.fill: parent
    property var descriptor
    property Item host
    signal ready()
    signal failed(string reason)
    signal interacted()

    // The shared accessibility services when the runtime has them; otherwise the view's own settings.
    readonly property bool hasA11y: typeof accessibility !== "undefined" && accessibility !== null
    property real ownTextScale: 1.0
    property bool ownHighContrast: false
    property bool ownEnglish: false
    readonly property real textScale: hasA11y ? accessibility.textScale : ownTextScale
    readonly property bool highContrast: hasA11y ? accessibility.highContrast : ownHighContrast
    readonly property bool lowLayout: hasA11y && accessibility.lowLayout === true
    readonly property bool english: hasA11y ? accessibility.language === "en" : ownEnglish
    readonly property real timeoutFactor: hasA11y && typeof accessibility.timeoutFactor === "number" ? accessibility.timeoutFactor : 1.0
    readonly property QtObject session: typeof townHall !== "undefined" && townHall !== null ? townHall.session(descriptor.session, view) : null
    readonly property string page: session !== null ? session.page : "home"
    property string titleOfPage: ""
    property bool calling: false  // the Acceo page open in the browser: the idle time is paused
    function tr(fr, en) { return english ? en : fr }
    function say(text) { if (hasA11y && typeof accessibility.say === "function") accessibility.say(text) }

    THPalette {
        id: thePal
        highContrast: view.highContrast
        textScale: view.textScale
        base: Math.max(16, Math.min(view.width / 70, view.height / 40))
    }
    readonly property QtObject pal: thePal
    color: pal.paper

    // -- the visitor -------------------------------------------------------------------------
    function touched() { if (session !== null) session.touched(); view.interacted() }
    function open(target) { if (session !== null) session.open(target); view.interacted() }
    function goHome() { if (session !== null) session.home(); view.interacted() }
    function goBack() { if (session !== null) session.back(); view.interacted() }
    function setLanguage(lang) {
        if (hasA11y && typeof accessibility.setLanguage === "function") accessibility.setLanguage(lang)
        else ownEnglish = lang === "en"
        touched()
    }
    function setTextScale(x) { if (hasA11y && typeof accessibility.setTextScale === "function") accessibility.setTextScale(x); else ownTextScale = x; touched() }
    function setHighContrast(on) { if (hasA11y && typeof accessibility.setHighContrast === "function") accessibility.setHighContrast(on); else ownHighContrast = on; touched() }
    function finish() { if (session !== null) session.finish("terminer") }
    // What every end of session wipes: the web data, the accessibility settings, our own state.
    function wipe() {
        view.calling = false
        if (typeof webSessions !== "undefined" && webSessions !== null && typeof webSessions.endSession === "function") webSessions.endSession()
        if (hasA11y && typeof accessibility.resetSession === "function") accessibility.resetSession()
        if (hasA11y && typeof accessibility.stopSpeech === "function") accessibility.stopSpeech()
        ownTextScale = 1.0; ownHighContrast = false; ownEnglish = false
        pages.reload()
        bar.focusFirst()
    }
    // The runtime says the region's session ended (or the layout changed): forget everything.
    function resetSession() { if (session !== null && session.active) session.finish("region"); else wipe() }
    Connections {
        target: view.session
        function onEnded(reason) { view.wipe() }
    }
    onTimeoutFactorChanged: if (session !== null) session.setTimeoutFactor(timeoutFactor)
    onCallingChanged: if (session !== null) session.setCallInProgress(calling)
    onPageChanged: say(pages.titleFor(page))
    // Holds the region while the session lives (the region's own idle time is a few seconds).
    readonly property bool holdingRegion: session !== null && session.active
    Timer { interval: 1000; repeat: true; running: view.holdingRegion; onTriggered: view.interacted() }

    Component.onCompleted: {
        if (session === null) { failed("the town-hall service is not available"); return }
        session.setTimeoutFactor(timeoutFactor)
        bar.focusFirst()
        Qt.callLater(view.ready)
    }

    // Any touch anywhere is the visitor's (and starts the session); the children still get it.
    TapHandler { gesturePolicy: TapHandler.DragThreshold; onPressedChanged: if (pressed) view.touched() }
    Keys.onPressed: event => {
        const arrow = [Qt.Key_Left, Qt.Key_Right, Qt.Key_Up, Qt.Key_Down].includes(event.key)
        if (warningBox.visible && arrow) { warningBox.toggleFocus(); event.accepted = true; return }  // choosing is not continuing
        view.touched()
        if (event.key === Qt.Key_F1 || event.key === Qt.Key_Help) { view.open("help"); event.accepted = true }
        else if (event.key === Qt.Key_Escape || event.key === Qt.Key_Back) { view.goBack(); event.accepted = true }
        else if (event.key === Qt.Key_Right || event.key === Qt.Key_Down) { view.moveFocus(true); event.accepted = true }
        else if (event.key === Qt.Key_Left || event.key === Qt.Key_Up) { view.moveFocus(false); event.accepted = true }
        else if (event.key === Qt.Key_VolumeUp && hasA11y) accessibility.volumeUp()
        else if (event.key === Qt.Key_VolumeDown && hasA11y) accessibility.volumeDown()
    }
    function focusBar() { bar.focusFirst() }
    function moveFocus(forward) {
        const current = Window.activeFocusItem
        const next = current !== null ? current.nextItemInFocusChain(forward) : null
        if (next !== null) next.forceActiveFocus(forward ? Qt.TabFocusReason : Qt.BacktabFocusReason)
        else bar.focusFirst()
    }

    // -- the screen ------------------------------------------------------------------------
    Header {
        id: header
        ui: view
        width: parent.width
        height: view.lowLayout ? parent.height * 0.28 : implicitHeight
    }
    Pages {
        id: pages
        objectName: "pages"
        ui: view
        anchors { top: header.bottom; bottom: bar.top; left: parent.left; right: parent.right }
    }
    ActionBar {
        id: bar
        ui: view
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        // An emergency takeover leaves this bar (help, Acceo, home) usable: it covers the rest.
        onYChanged: view.keepBarUnderAlerts()
        onHeightChanged: view.keepBarUnderAlerts()
        onVisibleChanged: view.keepBarUnderAlerts()
        Component.onCompleted: view.keepBarUnderAlerts()
        Component.onDestruction: if (typeof alertCenter !== "undefined" && alertCenter !== null) alertCenter.keptBottomPx = 0
    }
    function keepBarUnderAlerts() {
        if (typeof alertCenter === "undefined" || alertCenter === null)
            return
        // Only a bar on screen, opaque, along the window's bottom edge (this kiosk fills the screen):
        // a kiosk in a smaller region, or prepared beneath another item, leaves the takeover whole.
        const window = bar.Window.window
        let opacity = 1
        for (let item = bar; item !== null; item = item.parent)
            opacity *= item.opacity
        const top = window ? bar.mapToItem(null, 0, 0).y : 0
        const alongBottom = window !== null && Math.abs(window.height - (top + bar.height)) <= 2
        alertCenter.keptBottomPx = bar.visible && opacity > 0.99 && alongBottom ? Math.ceil(bar.height) : 0
    }
    Timer {  // while an alert shows: the region may swap, fade or move this view under it
        interval: 500
        repeat: true
        running: typeof alertCenter !== "undefined" && alertCenter !== null && alertCenter.display.active === true
        onTriggered: view.keepBarUnderAlerts()
        onRunningChanged: view.keepBarUnderAlerts()
    }
    SessionWarning { id: warningBox; ui: view; anchors.fill: parent; visible: view.session !== null && view.session.warning }
    // Speech follows the focus: each control is said as it is reached (when the runtime speaks).
    Connections {
        target: view.Window.window
        function onActiveFocusItemChanged() {
            const item = view.Window.activeFocusItem
            if (item !== null && item.Accessible.name) view.say(item.Accessible.name)
        }
    }
}
