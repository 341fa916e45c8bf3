import QtQuick

// A web page in the locked-down browser (the runtime's LockedWebView) with the tile's allow-list.
// Without that browser, or when it cannot be made, the page is offered on the visitor's phone by a
// QR code and its address: never a dead end. An Acceo call pauses the idle time while it is open.
Item {
    id: web
    property Item ui
    property string url: ""
    property var allowList: []
    property string mediaOrigin: ""
    property string qr: ""
    property bool call: false
    property Item browser: null
    property string refused: ""
    readonly property QtObject pal: ui.pal
    objectName: "page-web"

    // Called once its properties are set (by the page that made it).
    function start() {
        if (web.call) web.ui.calling = true
        if (typeof browserComponentUrl === "undefined" || !browserComponentUrl || web.url === "") return
        const component = Qt.createComponent(browserComponentUrl)
        if (component.status !== Component.Ready) return
        web.browser = component.createObject(holder, { "url": web.url, "allowList": web.allowList, "mediaOrigin": web.mediaOrigin })
        if (web.browser === null) return
        web.browser.anchors.fill = holder
        if (web.browser.visitorActivity !== undefined) web.browser.visitorActivity.connect(web.ui.touched)
        if (web.browser.refused !== undefined) web.browser.refused.connect((reason, url) => { web.refused = reason })
    }
    Component.onDestruction: {
        if (web.call) web.ui.calling = false
        if (web.browser !== null) web.browser.destroy()
    }

    Item { id: holder; anchors.fill: parent; visible: web.browser !== null }
    Rectangle {  // a refused navigation is said, briefly, above the page
        visible: web.browser !== null && web.refused !== ""
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: refusedText.implicitHeight + web.pal.body
        color: web.pal.card
        border.color: web.pal.closed
        border.width: 3
        Text {
            id: refusedText
            anchors.centerIn: parent
            width: parent.width - web.pal.body * 2
            textFormat: Text.PlainText
            text: web.ui.tr("Cette page n'est pas disponible sur la borne : ", "This page is not available on the kiosk: ") + web.refused
            color: web.pal.ink
            font.pixelSize: web.pal.body
            wrapMode: Text.WordWrap
        }
    }
    ScrollPage {
        anchors.fill: parent
        ui: web.ui
        visible: web.browser === null
        objectName: "web-fallback"
        Text {
            width: parent.width
            textFormat: Text.PlainText
            text: web.ui.tr("Ce service s'ouvre sur votre téléphone : scannez le code ci-dessous, ou tapez l'adresse.",
                            "This service opens on your phone: scan the code below, or type the address.")
            color: web.pal.ink
            font.pixelSize: web.pal.title
            wrapMode: Text.WordWrap
            activeFocusOnTab: true
        }
        Image {
            visible: web.qr !== ""
            source: web.qr
            width: Math.min(parent.width, web.pal.body * 12, 420)
            height: width
            sourceSize.width: 300
            smooth: false
        }
        Text {
            width: parent.width
            textFormat: Text.PlainText
            text: web.url
            color: web.pal.ink
            font.pixelSize: web.pal.body
            wrapMode: Text.WrapAnywhere
        }
    }
}
