import TerminalUI

/// The layout's bindings: zoom, pane widths, the hidden inspector, and the mouse.
extension Keymap {
    static let layoutBindings: [KeyBinding] = [
        KeyBinding([.character("z")], scope: .notTyping, help: "Zoom the focused pane to the whole screen, or show all panes",
                   action: "zoom", .toggleZoom),
        KeyBinding([.character("<"), .character(">")], label: "</>", scope: .notTyping,
                   help: "Narrow or widen the focused pane", unavailable: { $0.paneWidthUnavailableReason }) {
            $0 == .character("<") ? .resizePane(-1) : .resizePane(1)
        },
        KeyBinding([.character("i")], scope: .notTyping, help: "Hide or show the inspector", action: "inspector",
                   .toggleInspector),
        mouseBinding("click", [.press], help: "Focus and select what is under the pointer (again: open it)"),
        mouseBinding("wheel", [.wheelUp, .wheelDown], help: "Scroll the pane under the pointer"),
    ]

    /// A binding for mouse actions, shown in the help only while the mouse is on.
    private static func mouseBinding(_ label: String, _ actions: Set<MouseEvent.Action>, help: String) -> KeyBinding {
        var binding = KeyBinding([], label: label, scope: .global, help: help) {
            if case .mouse(let event) = $0 { return .mouse(event) }
            return .mouse(MouseEvent(.press, column: -1, row: -1))
        }
        binding.mouseActions = actions
        binding.isShown = { $0.mouseEnabled }
        return binding
    }
}
