import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings

// The only way to type (QT_IM_MODULE=qtvirtualkeyboard): AZERTY in French, QWERTY in English,
// following accessibility.language. It slides up from the bottom when a text field (native or in a
// web page) takes the focus. At the end of a visitor session it forgets what it learnt.
InputPanel {
    id: panel
    readonly property QtObject access: (typeof accessibility !== "undefined") ? accessibility : null
    readonly property string keyboardLocale: (access && access.language === "en") ? "en_GB" : "fr_FR"
    y: active ? parent.height - height : parent.height
    visible: active
    Accessible.name: keyboardLocale === "fr_FR" ? "Clavier à l'écran" : "On-screen keyboard"

    Component.onCompleted: {
        VirtualKeyboardSettings.activeLocales = ["fr_FR", "en_GB"]
        VirtualKeyboardSettings.locale = keyboardLocale
    }
    onKeyboardLocaleChanged: VirtualKeyboardSettings.locale = keyboardLocale

    Connections {
        target: panel.access
        function onSessionReset() {
            Qt.inputMethod.reset()          // the word being composed
            Qt.inputMethod.hide()
            VirtualKeyboardSettings.userDataReset()   // learnt words, for input methods that keep any
        }
    }
}
