import QtQuick

// While nobody uses the screen, a tour shows what it does (search, open an act, turn a page), one step
// every two seconds. The first real touch or key stops it; the end of the visitor's session resumes it.
Timer {
    id: tour
    signal step(int n)
    property int steps: 0
    interval: 2000
    repeat: true
    onTriggered: { tour.step(tour.steps); tour.steps += 1 }
    onRunningChanged: if (!running) tour.steps = 0
}
