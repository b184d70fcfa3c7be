/// A full-screen terminal the app loop draws on and reads keys from.
///
/// Curses implements it in the app; tests use an in-memory one, so the loop is tested without a screen
/// (design.md, house rule 3).
public protocol TerminalDevice: AnyObject, Sendable {
    /// Enters full-screen mode and returns the screen size.
    func start() throws -> Size
    /// Keys as they are pressed, resizes included; ends when input ends.
    var keys: AsyncStream<Key> { get }
    /// Shows a frame; only what changed since the previous frame needs to reach the screen.
    func present(_ grid: Grid)
    /// Leaves full-screen mode and restores the terminal; safe to call more than once.
    func stop()
}
