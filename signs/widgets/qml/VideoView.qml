import QtQuick
import QtMultimedia

// A video through QtMultimedia (its own FFmpeg). Ready on its first decoded frame; it plays
// (looping) only while in front.
Item {
    id: view
    property var descriptor
    property bool active: false
    signal ready()
    signal failed(string reason)
    property bool gotFrame: false

    onActiveChanged: if (gotFrame) { if (active) player.play(); else player.pause() }

    MediaPlayer {
        id: player
        source: view.descriptor.source
        videoOutput: output
        audioOutput: view.descriptor.muted ? null : audio
        loops: MediaPlayer.Infinite
        onErrorOccurred: function(error, errorString) { view.failed("the video cannot play: " + errorString) }
        onMediaStatusChanged: if (mediaStatus === MediaPlayer.InvalidMedia) view.failed("the video format is not supported")
    }
    AudioOutput { id: audio }
    VideoOutput { id: output; anchors.fill: parent }
    Connections {
        target: output.videoSink
        function onVideoFrameChanged() {
            if (!view.gotFrame) {
                view.gotFrame = true
                if (!view.active) player.pause()
                view.ready()
            }
        }
    }
    Component.onCompleted: player.play()
}
