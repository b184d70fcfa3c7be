import Foundation

/// Reads the number of colours from a compiled terminfo entry, as ncurses finds it, without starting curses.
public enum TerminfoEntry {
    /// The folders ncurses searches, in its order.
    public static func folders(environment: [String: String]) -> [String] {
        var folders: [String] = []
        if let own = environment["TERMINFO"], !own.isEmpty { folders.append(own) }
        if let home = environment["HOME"], !home.isEmpty { folders.append(home + "/.terminfo") }
        for item in (environment["TERMINFO_DIRS"] ?? "").split(separator: ":") { folders.append(String(item)) }
        return folders + ["/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo", "/usr/lib/terminfo"]
    }

    /// The `colors` capability of `term`'s entry: a number, -1 when the entry has none, `nil` when there is no
    /// readable entry.
    public static func colors(term: String, environment: [String: String]) -> Int? {
        guard !term.isEmpty, !term.contains("/"), let first = term.unicodeScalars.first else { return nil }
        let hex = String(format: "%02x", first.value)
        for folder in folders(environment: environment) {
            for sub in [String(first), hex] {
                if let data = FileManager.default.contents(atPath: "\(folder)/\(sub)/\(term)") {
                    return colors(entry: [UInt8](data))
                }
            }
        }
        return nil
    }

    /// The `colors` number (index 13 of the numbers section) of a compiled entry, in the legacy 16-bit or the
    /// extended 32-bit format; `nil` for bytes that are not an entry.
    public static func colors(entry bytes: [UInt8]) -> Int? {
        func short(_ at: Int) -> Int? {
            guard at + 1 < bytes.count else { return nil }
            let value = Int(bytes[at]) | Int(bytes[at + 1]) << 8
            return value >= 0x8000 ? value - 0x10000 : value
        }
        guard let magic = short(0), magic == 0o432 || magic == 0o1036,
            let namesSize = short(2), let boolCount = short(4), let numberCount = short(6)
        else { return nil }
        let width = magic == 0o1036 ? 4 : 2
        var offset = 12 + namesSize + boolCount
        if offset % 2 == 1 { offset += 1 }
        let index = 13
        guard numberCount > index else { return -1 }
        let at = offset + index * width
        guard at + width <= bytes.count else { return nil }
        if width == 2 { return short(at) }
        let value = Int32(bitPattern: UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16
            | UInt32(bytes[at + 3]) << 24)
        return Int(value)
    }
}
