import TerminalUI

/// The replay's bindings: play and pause, one record on or back, speed, and leaving; and `R`, which opens one.
extension Keymap {
    /// Active while a replay is on screen and no filter or title is being typed; they come before the panes'
    /// bindings, so `n`, `b`, Space and `q` act on the replay wherever the focus is.
    static let replayBindings: [KeyBinding] = [
        KeyBinding([.character(" ")], label: "Space", scope: .replay, hint: "play/pause",
                   help: "Pause or play the replay; at the end, play it again", .toggleReplayPause),
        KeyBinding([.character("n")], scope: .replay, hint: "next", help: "Show exactly one more record (pauses)",
                   unavailable: { ($0.replay?.isAtEnd ?? false) ? AppState.replayAtEnd : nil }, .stepReplay(1)),
        KeyBinding([.character("b")], scope: .replay, hint: "back", help: "Go back one record (pauses)",
                   unavailable: { $0.replay?.position == 0 ? AppState.replayAtStart : nil }, .stepReplay(-1)),
        KeyBinding([.character("+"), .character("="), .character("-")], label: "+/-", scope: .replay, hint: "speed",
                   help: "Play twice or half as fast",
                   unavailable: { ($0.replay?.tape.isTimed ?? true) ? nil : AppState.replayUntimed }) {
            $0 == .character("-") ? .changeReplaySpeed(-1) : .changeReplaySpeed(1)
        },
        KeyBinding([.escape, .character("q"), .control("c")], label: "Esc/q/^C", scope: .replay, hint: "leave",
                   help: "Leave the replay (parley replay FILE quits)", .leaveReplay),
        {
            var binding = KeyBinding([.control("n")], scope: .replay, help: "New conversation (not in a replay)",
                                     unavailable: { _ in AppState.replayIsViewer }, .newConversation)
            binding.isShown = { _ in false }
            return binding
        }(),
    ]

    /// `R` on a reply: replay it from its records.
    static let replayOpenBindings: [KeyBinding] = [
        KeyBinding([.character("R")], scope: .notTyping, help: "Replay the selected reply record by record",
                   action: "replay", unavailable: { $0.replayUnavailableReason }, .openReplay),
    ]
}

extension AppState {
    /// True while a replay is on screen and its keys act: not while a filter or a title is typed.
    var isReplaying: Bool {
        replay != nil && !(focus == .conversations && list.isFiltering) && !(focus == .inspector && inspector.isFilteringRaw)
    }

    /// Why nothing can be sent or started while a replay shows.
    public static let replayIsViewer = "A replay only shows a recorded reply; Esc leaves it to write or start a conversation."
}
