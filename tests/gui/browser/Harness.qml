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
