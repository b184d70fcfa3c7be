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
        {
            var binding = KeyBinding([], label: "mouse", scope: .global,
                                     help: "Click: focus a pane and select a conversation, message, tab, record or step "
                                         + "(again: open it); wheel: scroll the pane under the pointer") {
                if case .mouse(let event) = $0 { return .mouse(event) }
                return .mouse(MouseEvent(.press, column: -1, row: -1))
            }
            binding.anyMouse = true
            binding.isShown = { $0.mouseEnabled }
            return binding
        }(),
    ]
}
