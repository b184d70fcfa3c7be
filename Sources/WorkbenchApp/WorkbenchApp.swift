import CursesTerminal
import TerminalUI

/// Runs the full-screen workbench until the user quits.
public enum WorkbenchApp {
    /// Runs on the curses terminal; the terminal is restored on every way out.
    public static func run(_ configuration: AppConfiguration) async throws {
        try await run(configuration, terminal: CursesTerminal())
    }

    /// Runs on any terminal; tests pass an in-memory one.
    public static func run(_ configuration: AppConfiguration, terminal: any TerminalDevice) async throws {
        try await AppLoop(configuration: configuration, terminal: terminal).run()
    }
}
