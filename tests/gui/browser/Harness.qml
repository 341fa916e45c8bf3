import QtQuick
import QtQuick.Window

// A sign's view in miniature: creates the locked-down browser exactly as signs do
// (Qt.createComponent(browserComponentUrl)) and writes down what it signals.
Window {
    id: harness
    width: 1024
    height: 768
    visible: true
    property var spec: null           // set by the test: {url, allowList, mediaOrigin, loadTimeoutS}
    property var browser: null
    property var events: []
    property string js: ""            // set by the test: run in the page, the answer lands in jsResult
    property string jsResult: ""
    property int jsAnswers: 0

    property string tapTarget: ""      // set by the test: the objectName of an item in the browser
    property point tapPoint: Qt.point(-1, -1)
    readonly property bool hasDevTools: browser !== null && browser.web !== null && browser.web.devToolsView !== null
    readonly property string panelText: browser && find(browser, "panelText") ? find(browser, "panelText").text : ""
    readonly property string panelDetail: browser ? browser.shownDetail : ""
    readonly property string panelQr: browser ? browser.shownQr : ""

    function find(item, name) {
        if (item.objectName === name) return item
        for (let i = 0; i < item.children.length; i++) {
            const found = find(item.children[i], name)
            if (found) return found
        }
        return null
    }
    property string probe: ""          // set by the test: counts the items whose type name contains it
    property int probeCount: 0
    function count(item, text) {
        let n = String(item).indexOf(text) >= 0 ? 1 : 0
        for (let i = 0; i < item.children.length; i++) n += count(item.children[i], text)
        return n
    }
    onProbeChanged: probeCount = probe === "" ? 0 : count(harness.contentItem, probe)
    onTapTargetChanged: {
        const item = tapTarget !== "" && browser ? find(browser, tapTarget) : null
        tapPoint = item && item.visible ? item.mapToItem(harness.contentItem, item.width / 2, item.height / 2) : Qt.point(-1, -1)
    }
    onSpecChanged: {
        if (browser) { browser.destroy(); browser = null }
        events = []
        if (!spec) return
        const component = Qt.createComponent(browserComponentUrl)
        if (component.status !== Component.Ready) { console.error(component.errorString()); return }
        browser = component.createObject(harness.contentItem, spec)
        browser.anchors.fill = harness.contentItem
        browser.refused.connect((reason, url) => harness.events = harness.events.concat(["refused " + reason + " " + url]))
        browser.externalLink.connect((scheme, target) => harness.events = harness.events.concat(["external " + scheme + " " + target]))
        browser.visitorActivity.connect(() => harness.events = harness.events.concat(["activity"]))
    }
    onJsChanged: {
        if (js === "" || !browser || !browser.web) return
        browser.web.runJavaScript(js, function(result) { harness.jsResult = JSON.stringify(result === undefined ? null : result); harness.jsAnswers++ })
    }
}
