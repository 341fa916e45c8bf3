import QtQuick
import QtQuick.Controls.Basic

// The legal-acts catalogue: categories with counts, the latest acts first, search as you type, results
// in pages, the reader. Touch and keyboard/keypad (Tab between parts, arrows in lists, Enter opens,
// Escape goes back). Outdoor mode (no touch) pages itself. Large text and high contrast honoured.
Rectangle {
    id: view
    anchors.fill: parent
    property var descriptor
    property Item host
    readonly property bool active: host !== null && host.active
    signal ready()
    signal failed(string reason)
    signal interacted()

    // The accessibility settings (large text, high contrast) when the runtime gives them.
    property real textScale: (typeof accessibility !== "undefined" && accessibility !== null) ? accessibility.textScale : 1.0
    property bool highContrast: (typeof accessibility !== "undefined" && accessibility !== null) ? accessibility.highContrast : false
    property bool english: false
    property string openedId: ""
    readonly property QtObject catalogue: legalActs ? legalActs.catalogue(descriptor.catalogue, descriptor.page_size, view) : null
    readonly property bool outdoor: descriptor.mode === "outdoor"
    function tr(fr, en) { return english ? en : fr }

    // Outdoor: read from a few metres, larger characters (and the large-text factor on top).
    ActsPalette {
        id: theme
        highContrast: view.highContrast
        textScale: view.textScale
        base: Math.max(14, view.outdoor ? Math.min(view.width / 40, view.height / 22) : Math.min(view.width / 64, view.height / 36))
    }
    color: theme.paper

    // A visitor's touch or key: their session starts (or goes on), and the attract tour gives way.
    property bool visitorSeen: false
    property bool scripted: false  // the tour's own changes are not a visitor's
    function touched() { if (!view.scripted) { view.visitorSeen = true; view.interacted() } }
    function open(actId) { view.openedId = actId; if (!view.scripted) view.catalogue.opened(actId); view.touched() }
    function resetSession() {
        view.scripted = true
        view.openedId = ""; view.english = false; search.text = ""; view.catalogue.reset(); results.forceActiveFocus()
        view.scripted = false
        view.visitorSeen = false
    }

    Component.onCompleted: {
        if (view.catalogue === null) { view.failed("the catalogue of acts is no longer available"); return }
        if (view.active) view.catalogue.setOnScreen(true)
        Qt.callLater(view.ready)
    }
    onActiveChanged: if (view.catalogue !== null) view.catalogue.setOnScreen(view.active)
    Component.onDestruction: if (view.catalogue !== null) view.catalogue.setOnScreen(false)
    Keys.onEscapePressed: { if (view.openedId !== "") view.openedId = ""; else view.resetSession() }

    // Any touch or key restarts the visitor's idle time.
    TapHandler { onTapped: view.touched() }

    Item {
        id: touchMode
        anchors.fill: parent
        anchors.margins: theme.body * 0.8
        visible: !view.outdoor && view.openedId === ""
        enabled: visible

        Row {
            id: header
            width: parent.width
            height: theme.body * 2.8
            spacing: theme.body
            Text {
                width: parent.width - lang.width - parent.spacing
                height: parent.height
                textFormat: Text.PlainText
                text: view.descriptor.title + (view.english ? " · Official notices" : "")
                color: theme.ink
                font.pixelSize: theme.huge
                font.bold: true
                verticalAlignment: Text.AlignVCenter
                elide: Text.ElideRight
            }
            TouchButton {
                id: lang
                objectName: "language-button"
                pal: theme
                visible: view.descriptor.bilingual === true
                text: view.english ? "Français" : "English"
                onClicked: { view.english = !view.english; view.touched() }
            }
        }
        TextField {
            id: search
            objectName: "search-field"
            anchors.top: header.bottom
            anchors.topMargin: theme.body * 0.5
            width: parent.width
            height: theme.body * 2.8
            font.pixelSize: theme.body * 1.1
            color: theme.ink
            placeholderText: view.tr("Rechercher : objet, numéro, auteur, catégorie…", "Search: subject, number, author, category…")
            placeholderTextColor: theme.muted
            inputMethodHints: Qt.ImhNoPredictiveText
            background: Rectangle {
                color: theme.paper
                radius: theme.body * 0.3
                border.color: search.activeFocus ? theme.focus : theme.line
                border.width: search.activeFocus ? Math.max(4, theme.body * 0.22) : 2
            }
            onTextChanged: { view.catalogue.setQuery(text); view.touched() }
            Keys.onDownPressed: results.forceActiveFocus()
            KeyNavigation.tab: categories
        }
        ListView {
            id: categories
            objectName: "category-list"
            anchors.top: search.bottom
            anchors.topMargin: theme.body
            anchors.bottom: parent.bottom
            width: parent.width * 0.3
            clip: true
            spacing: theme.body * 0.4
            activeFocusOnTab: true
            keyNavigationEnabled: true
            model: [{ "key": "", "fr": "Tous les actes", "en": "All acts", "count": view.catalogue ? view.catalogue.total : 0 }]
                   .concat(view.catalogue ? view.catalogue.categories : [])
            KeyNavigation.tab: results
            Keys.onReturnPressed: view.catalogue.setCategory(model[currentIndex].key)
            Keys.onEnterPressed: view.catalogue.setCategory(model[currentIndex].key)
            delegate: Rectangle {
                id: cat
                required property var modelData
                required property int index
                readonly property bool chosen: view.catalogue !== null && view.catalogue.category === modelData.key
                readonly property bool focused: ListView.isCurrentItem && categories.activeFocus
                width: categories.width
                height: catText.implicitHeight + theme.body
                radius: theme.body * 0.3
                color: chosen ? theme.accent : theme.panel
                border.color: focused ? theme.focus : theme.line
                border.width: focused ? Math.max(4, theme.body * 0.22) : 1
                Text {
                    id: catText
                    anchors.verticalCenter: parent.verticalCenter
                    x: theme.body * 0.6
                    width: parent.width - theme.body * 1.2
                    textFormat: Text.PlainText
                    text: (view.english ? cat.modelData.en : cat.modelData.fr) + " (" + cat.modelData.count + ")"
                    color: cat.chosen ? theme.onAccent : theme.ink
                    font.pixelSize: theme.body
                    font.bold: cat.chosen
                    wrapMode: Text.WordWrap
                }
                TapHandler { onTapped: { categories.currentIndex = cat.index; view.catalogue.setCategory(cat.modelData.key); view.touched() } }
            }
        }
        Item {
            id: listPane
            anchors.top: search.bottom
            anchors.topMargin: theme.body
            anchors.bottom: parent.bottom
            anchors.left: categories.right
            anchors.leftMargin: theme.body
            anchors.right: parent.right
            Text {
                id: heading
                objectName: "results-heading"
                width: parent.width
                textFormat: Text.PlainText
                text: view.catalogue === null ? "" : (view.catalogue.query === "" && view.catalogue.category === ""
                      ? view.tr("Derniers actes publiés", "Latest acts")
                      : view.tr(view.catalogue.matchCount + " résultat" + (view.catalogue.matchCount > 1 ? "s" : ""),
                                view.catalogue.matchCount + " result" + (view.catalogue.matchCount === 1 ? "" : "s")))
                color: theme.ink
                font.pixelSize: theme.title
                font.bold: true
            }
            ListView {
                id: results
                objectName: "results-list"
                anchors.top: heading.bottom
                anchors.topMargin: theme.body * 0.5
                anchors.bottom: pager.top
                anchors.bottomMargin: theme.body * 0.5
                width: parent.width
                clip: true
                spacing: theme.body * 0.4
                activeFocusOnTab: true
                keyNavigationEnabled: true
                model: view.catalogue ? view.catalogue.resultsModel : null  // rows updated in place while typing
                // A page is what fits: rows have a fixed height (large text: fewer per page).
                readonly property real rowHeight: theme.small * 1.2 * 2 + theme.body * 1.2 + theme.body * 0.4 + theme.body * 0.8
                readonly property int fits: Math.max(1, Math.floor((height + spacing) / (rowHeight + spacing)))
                onFitsChanged: if (view.catalogue !== null) view.catalogue.setPageSize(Math.min(fits, view.descriptor.page_size))
                Component.onCompleted: if (view.catalogue !== null) view.catalogue.setPageSize(Math.min(fits, view.descriptor.page_size))
                KeyNavigation.tab: prev
                Keys.onReturnPressed: if (currentItem) view.open(currentItem.modelData.id)
                Keys.onEnterPressed: if (currentItem) view.open(currentItem.modelData.id)
                Keys.onRightPressed: view.catalogue.turn(1)
                Keys.onLeftPressed: view.catalogue.turn(-1)
                delegate: ActRow { pal: theme; english: view.english; onChosen: (actId) => view.open(actId) }
                Text {
                    anchors.centerIn: parent
                    visible: results.count === 0
                    textFormat: Text.PlainText
                    text: view.tr("Aucun acte ne correspond à votre recherche.", "No act matches your search.")
                    color: theme.muted
                    font.pixelSize: theme.body
                }
            }
            Row {
                id: pager
                anchors.bottom: parent.bottom
                anchors.horizontalCenter: parent.horizontalCenter
                spacing: theme.body
                TouchButton {
                    id: prev
                    objectName: "previous-page"
                    pal: theme
                    text: view.tr("‹ Précédente", "‹ Previous")
                    width: Math.min(implicitWidth, (listPane.width - pageText.implicitWidth) / 2 - pager.spacing)
                    enabledButton: view.catalogue !== null && view.catalogue.page > 0
                    onClicked: { view.catalogue.turn(-1); view.touched() }
                    KeyNavigation.tab: next
                }
                Text {
                    id: pageText
                    anchors.verticalCenter: parent.verticalCenter
                    textFormat: Text.PlainText
                    text: view.catalogue ? view.tr("Page ", "Page ") + (view.catalogue.page + 1) + " / " + view.catalogue.pageCount : ""
                    color: theme.ink
                    font.pixelSize: theme.body
                }
                TouchButton {
                    id: next
                    objectName: "next-page"
                    pal: theme
                    text: view.tr("Suivante ›", "Next ›")
                    width: Math.min(implicitWidth, (listPane.width - pageText.implicitWidth) / 2 - pager.spacing)
                    enabledButton: view.catalogue !== null && view.catalogue.page + 1 < view.catalogue.pageCount
                    onClicked: { view.catalogue.turn(1); view.touched() }
                    KeyNavigation.tab: search
                }
            }
        }
    }

    Loader {
        id: reader
        anchors.fill: parent
        active: !view.outdoor && view.openedId !== ""
        sourceComponent: Reader {
            pal: theme
            english: view.english
            act: view.catalogue.act(view.openedId)
            catalogue: view.catalogue
            paperText: view.tr(view.descriptor.paper_fr, view.descriptor.paper_en)
            onBack: { view.openedId = ""; results.forceActiveFocus() }
            onTouched: view.touched()
        }
        onLoaded: item.forceActiveFocus()
    }

    AttractTour {
        running: view.descriptor.tour === true && !view.outdoor && !view.visitorSeen && (view.active || view.host === null)
        onStep: (n) => {
            view.scripted = true
            const queries = ["stationnement", "mariage", "urbanisme"]
            const query = queries[Math.floor(n / 8) % queries.length]
            const phase = n % 8
            if (phase === 0) { view.openedId = ""; search.text = "" }
            else if (phase === 1) search.text = query.substring(0, 4)
            else if (phase === 2) search.text = query
            else if (phase === 3 && view.catalogue.matchCount > 0) view.open(view.catalogue.results[0].id)
            else if (phase === 4 && reader.item !== null) reader.item.show(reader.item.page + 1)
            else if (phase === 5 && reader.item !== null) reader.item.setZoom(1.5)
            else if (phase === 6) view.openedId = ""
            view.scripted = false
        }
    }

    Loader {
        anchors.fill: parent
        active: view.outdoor
        sourceComponent: Outdoor {
            pal: theme
            catalogue: view.catalogue
            title: view.descriptor.title
            pageMs: view.descriptor.outdoor_page_ms
            bilingual: view.descriptor.bilingual === true
            running: view.active || view.host === null
        }
    }
}
