import CursesTerminal
import TerminalUI

/// Runs the full-screen workbench until the user quits.
public enum WorkbenchApp {
    /// Runs on the curses terminal; the terminal is restored on every way out. Returns the exit status: 0, or
    /// 128 + the signal that ended it.
    @discardableResult
    public static func run(_ configuration: AppConfiguration) async throws -> Int32 {
        try await run(configuration, terminal: CursesTerminal(mouse: configuration.mouse ?? true))
    }

    /// Runs on any terminal; tests pass an in-memory one.
    @discardableResult
    public static func run(_ configuration: AppConfiguration, terminal: any TerminalDevice) async throws -> Int32 {
        try await AppLoop(configuration: configuration, terminal: terminal).run()
    }
}
