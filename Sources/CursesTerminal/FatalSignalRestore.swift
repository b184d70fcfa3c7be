import CNcursesw
import Foundation

/// Puts the terminal back when Parley dies of a fatal signal while curses owns it, then lets the signal kill
/// the process as it would have.
///
/// A crash (a Swift trap is SIGILL or SIGTRAP, a bad pointer SIGSEGV or SIGBUS, `abort` SIGABRT) skips
/// `endwin`, leaving the user's shell on the alternate screen, in raw mode, with the cursor hidden. The handler
/// writes bytes prepared while curses was set up (reset attributes, leave bracketed-paste and mouse modes and
/// keypad mode, leave the alternate screen, show the cursor), puts the terminal modes saved before `initscr`
/// back, reinstalls the handler that was there before (the Swift runtime's backtracer, or the default action)
/// and raises the signal again, so the exit status and any core dump still name the real signal. It calls
/// only `write`, `tcsetattr`, `sigaction` and `raise`, which are async-signal-safe, and reads only memory
/// allocated before it was installed.
enum FatalSignalRestore {
    static let signals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT]

    /// The terminal's modes before curses changed them; call before `initscr`.
    static func saveModes() {
        let modes = UnsafeMutablePointer<termios>.allocate(capacity: 1)
        guard tcgetattr(STDOUT_FILENO, modes) == 0 else {
            modes.deallocate()
            return
        }
        savedModes = modes
    }

    /// Installs the handlers; call on the curses thread once curses has set the terminal up.
    static func install() {
        let sequence = restoreSequence()
        let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: sequence.count)
        bytes.initialize(from: sequence, count: sequence.count)
        restoreBytes = bytes
        restoreCount = sequence.count
        let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: Int(highestSignal) + 1)
        previous.initialize(repeating: sigaction(), count: Int(highestSignal) + 1)
        previousActions = previous
        var action = sigaction()
        action.__sigaction_handler.sa_handler = restoreTerminalAndDie
        sigemptyset(&action.sa_mask)
        action.sa_flags = Int32(bitPattern: UInt32(SA_RESETHAND))
        for number in signals { sigaction(number, &action, previous + Int(number)) }
    }

    /// Puts the handlers that were there before back; call before `endwin`, which restores the terminal itself.
    static func remove() {
        guard let previous = previousActions else { return }
        for number in signals { sigaction(number, previous + Int(number), nil) }
    }

    /// What undoes curses' changes to the screen, from the terminal's own terminfo entry where it has one.
    private static func restoreSequence() -> [UInt8] {
        var out: [UInt8] = []
        func capability(_ name: String) {
            guard let value = tigetstr(name), Int(bitPattern: value) != -1 else { return }
            out += Array(UnsafeRawBufferPointer(start: value, count: strlen(value)))
        }
        capability("sgr0")
        out += Array("\u{1B}[?2004l\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1003l\u{1B}[?1006l".utf8)
        capability("rmkx")
        capability("rmcup")
        capability("cnorm")
        out += Array("\r\n".utf8)
        return out
    }

    private static var highestSignal: Int32 { signals.max() ?? 0 }
}

nonisolated(unsafe) private var restoreBytes: UnsafeMutablePointer<UInt8>?
nonisolated(unsafe) private var restoreCount = 0
nonisolated(unsafe) private var savedModes: UnsafeMutablePointer<termios>?
nonisolated(unsafe) private var previousActions: UnsafeMutablePointer<sigaction>?

/// The handler itself: restore, put the previous handler back, raise again (delivered once this returns).
private func restoreTerminalAndDie(_ number: Int32) {
    if let bytes = restoreBytes { _ = write(STDOUT_FILENO, bytes, restoreCount) }
    if let modes = savedModes { _ = tcsetattr(STDOUT_FILENO, TCSADRAIN, modes) }
    if let previous = previousActions { _ = sigaction(number, previous + Int(number), nil) }
    _ = raise(number)
}
