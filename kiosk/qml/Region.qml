import QtQuick

// A region plays its playlist through two hosts: the one in front is on screen; the other
// loads the next item beneath it (still rendered, so a web page paints and a video decodes)
// and comes forward, by a cut or a crossfade, once it reported that it can draw.
Item {
    id: region
    property QtObject controller
    x: controller.x
    y: controller.y
    width: controller.width
    height: controller.height
    z: controller.z
    clip: true

    property int frontSlot: 0
    property int fadingSlot: -1
    readonly property var hosts: [hostA, hostB]

    ItemHost { id: hostA; slot: 0; controller: region.controller; z: region.fadingSlot === 0 ? 3 : (region.frontSlot === 0 ? 2 : 1) }
    ItemHost { id: hostB; slot: 1; controller: region.controller; z: region.fadingSlot === 1 ? 3 : (region.frontSlot === 1 ? 2 : 1) }

    Placeholder { anchors.fill: parent; visible: controller.placeholder; z: 5 }

    // A touch on the attract loop opens the region's interactive item (a kiosk's home) at once; an
    // item that takes touches itself is never interrupted (the handler is off while it shows).
    TapHandler { enabled: region.controller.opensOnTouch; onTapped: region.controller.touched_attract() }

    NumberAnimation {
        id: fadeOut
        property int incomingToken: 0
        property: "opacity"
        from: 1
        to: 0
        onFinished: {
            target.visible = false
            target.opacity = 1
            region.fadingSlot = -1
            region.controller.report_transition_finished(incomingToken)
        }
    }

    Connections {
        target: region.controller
        function onLoad_requested(slot, descriptor) { region.hosts[slot].load(descriptor) }
        function onUnload_requested(slot) { if (slot !== region.frontSlot) region.hosts[slot].unload() }
        function onSession_ended(slot) { region.hosts[slot].resetSession() }
        function onShow_requested(slot, kind, durationMs) {
            const incoming = region.hosts[slot]
            const outgoing = region.hosts[1 - slot]
            incoming.visible = true
            incoming.active = true
            outgoing.active = false
            if (kind === "crossfade" && durationMs > 0 && outgoing.loaded) {
                // The old host stays on top and fades out over the new one.
                fadeOut.stop()
                fadeOut.target = outgoing
                fadeOut.duration = durationMs
                fadeOut.incomingToken = incoming.token
                fadeOut.start()
                region.fadingSlot = 1 - slot
                region.frontSlot = slot
            } else {
                outgoing.visible = false
                region.frontSlot = slot
            }
        }
    }
}
