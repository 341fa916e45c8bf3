import QtQuick

// The whole screen when no layout can play at all.
Placeholder {
}
