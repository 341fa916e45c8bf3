import QtQuick
import QtMultimedia
import Kiosk.Video

// A video through QtMultimedia (its own FFmpeg). Ready on its first decoded frame; it plays
// (looping) only while in front. Under the software renderer, VideoOutput cannot draw, so a
// CPU-painted output takes its place.
Item {
    anchors.fill: parent
    id: view
    property var descriptor
    property Item host
    readonly property bool active: host !== null && host.active
    signal ready()
    signal failed(string reason)
    property bool gotFrame: false
    readonly property QtObject sink: softwareRendering ? softwareOutput.videoSink : gpuOutput.videoSink

    onActiveChanged: if (gotFrame) { if (active) player.play(); else player.pause() }

    MediaPlayer {
        id: player
        source: view.descriptor.source
        videoOutput: softwareRendering ? softwareOutput.videoSink : gpuOutput
        audioOutput: view.descriptor.muted ? null : audio
        loops: MediaPlayer.Infinite
        onErrorOccurred: function(error, errorString) { view.failed("the video cannot play: " + errorString) }
        onMediaStatusChanged: if (mediaStatus === MediaPlayer.InvalidMedia) view.failed("the video format is not supported")
    }
    AudioOutput { id: audio }
    VideoOutput { id: gpuOutput; anchors.fill: parent; visible: !softwareRendering }
    SoftwareVideoOutput { id: softwareOutput; anchors.fill: parent; visible: softwareRendering }
    Connections {
        target: view.sink
        function onVideoFrameChanged() {
            if (!view.gotFrame) {
                view.gotFrame = true
                if (!view.active) player.pause()
                view.ready()
            }
        }
    }
    Timer {
        interval: 15000
        running: !view.gotFrame
        onTriggered: view.failed("the video showed no picture within 15 s")
    }
    Component.onCompleted: player.play()
}
