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
    /// Puts bytes on the user's clipboard: the terminal (or tmux with `set-clipboard on`) receives them as
    /// an OSC 52 sequence.
    func copy(_ bytes: [UInt8])
    /// Leaves full-screen mode and restores the terminal; safe to call more than once.
    func stop()
    /// Leaves full-screen mode, runs `program` (something that uses the terminal itself, such as an editor),
    /// then takes the screen back and draws it whole; returns what `program` returned. No keys are read
    /// meanwhile: they are the program's.
    func suspend<T: Sendable>(_ program: @escaping @Sendable () -> T) async -> T
}

extension TerminalDevice {
    /// A terminal without a clipboard ignores copies.
    public func copy(_ bytes: [UInt8]) {}

    /// A terminal that is not a screen runs the program as it is.
    public func suspend<T: Sendable>(_ program: @escaping @Sendable () -> T) async -> T { program() }
}

/// The OSC 52 sequence that sets the clipboard: `ESC ] 52 ; c ; base64 BEL`.
public enum ClipboardSequence {
    public static func osc52(_ bytes: [UInt8]) -> String {
        "\u{1b}]52;c;" + base64(bytes) + "\u{07}"
    }

    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let b0 = UInt32(bytes[index])
            let b1 = index + 1 < bytes.count ? UInt32(bytes[index + 1]) : 0
            let b2 = index + 2 < bytes.count ? UInt32(bytes[index + 2]) : 0
            let triple = b0 << 16 | b1 << 8 | b2
            out.append(alphabet[Int(triple >> 18 & 63)])
            out.append(alphabet[Int(triple >> 12 & 63)])
            out.append(index + 1 < bytes.count ? alphabet[Int(triple >> 6 & 63)] : UInt8(ascii: "="))
            out.append(index + 2 < bytes.count ? alphabet[Int(triple & 63)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
