/// Where `parley proxy` listens: a host and a port, and whether only this machine can reach it.
public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Reads `HOST:PORT`, `[IPv6]:PORT` or a bare `PORT` (on 127.0.0.1), with an error that shows the form.
    public init(parsing text: String) throws {
        let form = "Give --listen as HOST:PORT, e.g. 127.0.0.1:8788 (or a port alone for 127.0.0.1)."
        if let port = Int(text) {
            self.init(host: "127.0.0.1", port: port)
        } else if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":"), let port = Int(rest.dropFirst()) else {
                throw ProxyError("\"\(text)\" has no port after the address. \(form)")
            }
            self.init(host: String(text[text.index(after: text.startIndex)..<close]), port: port)
        } else if let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]) {
            let host = String(text[..<colon])
            guard !host.isEmpty, !host.contains(":") else {
                throw ProxyError("\"\(text)\" is not an address. \(form) Write an IPv6 address in brackets: [::1]:8788.")
            }
            self.init(host: host, port: port)
        } else {
            throw ProxyError("\"\(text)\" is not an address. \(form)")
        }
        guard (0...65535).contains(port) else { throw ProxyError("Port \(port) is out of range (0-65535). \(form)") }
    }

    /// True for addresses only this machine can connect to: `localhost`, 127.0.0.0/8 and `::1`.
    public var isLoopback: Bool {
        let lower = host.lowercased()
        if lower == "localhost" || lower == "::1" || lower == "0:0:0:0:0:0:0:1" { return true }
        let parts = lower.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// A proxy setting or request that cannot work, with what to do about it.
public struct ProxyError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
