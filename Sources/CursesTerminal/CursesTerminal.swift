import CNcursesw
import Foundation
import TerminalUI

/// The curses screen: one dedicated thread owns every curses call, drawing frames and reading keys.
///
/// A curses loop on the main thread would starve the main actor (design.md, platform traps), so frames are
/// handed to the thread through a lock and a wake-up pipe, and keys come back as an `AsyncStream`. Signals are
/// the app loop's (`SignalWatch`): it stops the replies, then stops this terminal, before the process exits;
/// a fatal signal (a crash) restores the terminal through `FatalSignalRestore` before the process dies.
public final class CursesTerminal: TerminalDevice, @unchecked Sendable {
    public let keys: AsyncStream<Key>
    private let continuation: AsyncStream<Key>.Continuation
    private let lock = NSLock()
    private var pendingFrame: Grid?
    /// OSC 52 sequences waiting to be written by the curses thread, after the frame.
    private var pendingCopies: [String] = []
    /// Programs to run outside the screen (an editor), in order, by the curses thread.
    private var pendingPrograms: [@Sendable () -> Void] = []
    private var stopRequested = false
    private var running = false
    private var wakePipe: [Int32] = [-1, -1]
    private let started = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private var startSize = Size(columns: 80, rows: 24)
    private var decoder = KeyDecoder()
    /// When the last input arrived during a paste; a paste quiet for `pasteTimeout` is ended as it is.
    private var lastPasteInput = ContinuousClock.now
    /// Whether clicks and the wheel are asked for; off, the terminal keeps its own selection.
    private let mouse: Bool

    /// Asks the terminal to bracket pasted text (`ESC [200~` … `ESC [201~`), and to stop again.
    public static let bracketedPasteOn = "\u{1b}[?2004h"
    public static let bracketedPasteOff = "\u{1b}[?2004l"
    /// How long a paste may go without input before it is taken as ended (its end marker was lost).
    static let pasteTimeout = Duration.seconds(1)

    /// `mouse` turns on mouse reporting (clicks and the wheel) while the terminal runs.
    public init(mouse: Bool = false) {
        self.mouse = mouse
        (keys, continuation) = AsyncStream.makeStream(of: Key.self, bufferingPolicy: .unbounded)
    }

    public func start() throws -> Size {
        guard pipe(&wakePipe) == 0 else { throw CursesTerminalError("Could not create the wake-up pipe.") }
        _ = fcntl(wakePipe[0], F_SETFL, fcntl(wakePipe[0], F_GETFL) | O_NONBLOCK)
        let thread = Thread { [self] in runLoop() }
        thread.name = "parley.curses"
        thread.start()
        started.wait()
        return lock.withLock { startSize }
    }

    public func present(_ grid: Grid) {
        lock.withLock { pendingFrame = grid }
        wake()
    }

    /// Writes the clipboard sequence from the curses thread, so it never lands inside a frame's output.
    public func copy(_ bytes: [UInt8]) {
        lock.withLock { pendingCopies.append(ClipboardSequence.osc52(bytes)) }
        wake()
    }

    /// Runs `program` on the curses thread with the screen left (`endwin`), so no key is read and no frame
    /// drawn meanwhile; then the screen is drawn whole again. After `stop` the program runs at once.
    public func suspend<T: Sendable>(_ program: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let queued = lock.withLock {
                guard running, !stopRequested else { return false }
                pendingPrograms.append { continuation.resume(returning: program()) }
                return true
            }
            if queued { wake() } else { continuation.resume(returning: program()) }
        }
    }

    public func stop() {
        let wasRunning = lock.withLock {
            defer { stopRequested = true }
            return running && !stopRequested
        }
        guard wasRunning else { return }
        wake()
        finished.wait()
    }

    private func wake() {
        var byte: UInt8 = 1
        _ = write(wakePipe[1], &byte, 1)
    }

    private func runLoop() {
        CursesTerminal.setUTF8Locale()
        FatalSignalRestore.saveModes()
        initscr()
        raw()
        nonl()
        noecho()
        keypad(parley_stdscr(), true)
        nodelay(parley_stdscr(), true)
        set_escdelay(25)
        if mouse { _ = parley_mouse_on() } else { parley_mouse_off() }
        let colors = has_colors()
        if colors {
            start_color()
            use_default_colors()
        }
        curs_set(0)
        CursesTerminal.writeToTerminal(CursesTerminal.bracketedPasteOn)
        FatalSignalRestore.install()
        var renderer = CursesRenderer(hasColors: colors)
        lock.withLock {
            running = true
            startSize = Size(columns: Int(parley_cols()), rows: Int(parley_lines()))
        }
        started.signal()
        var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: wakePipe[0], events: Int16(POLLIN), revents: 0)]
        while true {
            _ = poll(&fds, 2, 100)
            var sink = [UInt8](repeating: 0, count: 64)
            while read(wakePipe[0], &sink, sink.count) > 0 {}
            let (frame, copies, programs, stopping) = lock.withLock {
                defer {
                    pendingFrame = nil
                    pendingCopies = []
                    pendingPrograms = []
                }
                return (pendingFrame, pendingCopies, pendingPrograms, stopRequested)
            }
            if stopping {
                programs.forEach { $0() }
                break
            }
            readKeys(&renderer)
            for program in programs { runOutside(program, &renderer) }
            if let frame { renderer.draw(frame) }
            for sequence in copies { CursesTerminal.writeToTerminal(sequence) }
        }
        FatalSignalRestore.remove()
        CursesTerminal.writeToTerminal(CursesTerminal.bracketedPasteOff)
        endwin()
        lock.withLock { running = false }
        continuation.finish()
        finished.signal()
    }

    /// Leaves the screen as a shell would find it, runs the program, and takes the screen back whole.
    private func runOutside(_ program: () -> Void, _ renderer: inout CursesRenderer) {
        CursesTerminal.writeToTerminal(CursesTerminal.bracketedPasteOff)
        def_prog_mode()
        endwin()
        program()
        reset_prog_mode()
        CursesTerminal.writeToTerminal(CursesTerminal.bracketedPasteOn)
        renderer.redrawAll()
    }

    private func readKeys(_ renderer: inout CursesRenderer) {
        var code: wint_t = 0
        while true {
            let status = wget_wch(parley_stdscr(), &code)
            if status == ERR {
                if decoder.isInPaste, ContinuousClock.now - lastPasteInput > Self.pasteTimeout {
                    deliver(decoder.endPaste(), &renderer)
                }
                deliver(decoder.flush(), &renderer)
                return
            }
            if status == parley_key_code_yes(), Int32(bitPattern: code) == parley_key_mouse() {
                if !decoder.isInPaste { deliver(decoder.flush() + readMouse(), &renderer) }
                continue
            }
            deliver(decoder.feed(status: status, code: UInt32(code)), &renderer)
            if decoder.isInPaste { lastPasteInput = .now }
        }
    }

    /// The mouse event curses has just read, if it is one the workbench acts on.
    private func readMouse() -> [Key] {
        var x: Int32 = 0
        var y: Int32 = 0
        var buttons: mmask_t = 0
        guard parley_get_mouse(&x, &y, &buttons) == OK,
              let event = MouseDecoder.event(column: x, row: y, buttons: buttons)
        else { return [] }
        return [.mouse(event)]
    }

    private func deliver(_ keys: [Key], _ renderer: inout CursesRenderer) {
        for key in keys {
            if key == .function(12), let crash = TestCrashHook.requested { crash.fire() }
            if case .resize = key { renderer.invalidate() }
            continuation.yield(key)
        }
    }

    /// Writes a control sequence straight to the terminal, beside curses' own output.
    private static func writeToTerminal(_ sequence: String) {
        let bytes = Array(sequence.utf8)
        _ = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }

    /// Sets the locale from the environment, falling back to C.UTF-8 when it is not UTF-8.
    static func setUTF8Locale() {
        let name = setlocale(LC_ALL, "").map { String(cString: $0) } ?? ""
        let upper = name.uppercased()
        if !(upper.contains("UTF-8") || upper.contains("UTF8")) {
            _ = setlocale(LC_ALL, "C.UTF-8")
        }
    }
}

/// The terminal could not be set up.
public struct CursesTerminalError: Error, CustomStringConvertible, Sendable {
    public var description: String

    init(_ description: String) { self.description = description }
}
