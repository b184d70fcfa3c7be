import TerminalUI

/// Everything `reduce` takes: a key as the terminal reported it, what the user asked for, or what happened.
///
/// Keys become intents through the keymap, so a test can send either; events come from runs and the store.
public enum Action: Sendable, Equatable {
    case key(Key)
    case intent(Intent)
    case event(Event)
}
