import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A client on a plain loopback socket that sees the response exactly as the proxy wrote it: status line,
/// headers and chunk framing included, byte by byte as it arrives.
final class RawHTTPClient: @unchecked Sendable {
    private let socketFD: Int32
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    private var ended = false

    init(port: Int) throws {
        socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else {
            Glibc.close(socketFD)
            throw ClientError("cannot connect to 127.0.0.1:\(port): \(String(cString: strerror(errno)))")
        }
    }

    deinit { Glibc.close(socketFD) }

    /// Sends a request with a JSON body (or none) and the given extra headers.
    func send(method: String = "POST", path: String, body: String? = nil, headers: [(String, String)] = []) throws {
        var text = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        if let body { text += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n" }
        text += "\r\n" + (body ?? "")
        let data = Array(text.utf8)
        let sent = data.withUnsafeBytes { Glibc.send(socketFD, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == data.count else { throw ClientError("could not send the request") }
    }

    /// Everything received so far.
    var received: [UInt8] { lock.withLock { bytes } }

    /// Reads until `done` holds for what was received (or the peer closes), on a thread of its own, failing
    /// after `timeout` seconds.
    @discardableResult
    func read(timeout: Double = 10, until done: @escaping @Sendable ([UInt8]) -> Bool) async throws -> [UInt8] {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[UInt8], any Error>) in
            Thread.detachNewThread { [self] in
                let deadline = Date().addingTimeInterval(timeout)
                var buffer = [UInt8](repeating: 0, count: 65536)
                while true {
                    let now = lock.withLock { (bytes, ended) }
                    if done(now.0) || now.1 { return continuation.resume(returning: now.0) }
                    let left = deadline.timeIntervalSinceNow
                    guard left > 0 else {
                        return continuation.resume(throwing: ClientError(
                            "timed out; received so far:\n\(String(decoding: now.0, as: UTF8.self))"))
                    }
                    var poller = pollfd(fd: socketFD, events: Int16(POLLIN), revents: 0)
                    guard poll(&poller, 1, Int32(min(left, 1) * 1000)) > 0 else { continue }
                    let count = recv(socketFD, &buffer, buffer.count, 0)
                    lock.withLock {
                        if count > 0 { bytes += buffer[0..<count] } else { ended = true }
                    }
                }
            }
        }
    }

    /// Reads until the response is complete: its chunked body's last chunk, its Content-Length, or the close.
    func readResponse(timeout: Double = 10) async throws -> RawResponse {
        let bytes = try await read(timeout: timeout) { RawResponse(bytes: $0)?.isComplete ?? false }
        guard let response = RawResponse(bytes: bytes) else {
            throw ClientError("no complete response head in:\n\(String(decoding: bytes, as: UTF8.self))")
        }
        return response
    }

    /// Hangs up.
    func close() { shutdown(socketFD, Int32(SHUT_RDWR)) }
}

/// One HTTP response as received: the head as text and the body with chunk framing removed.
struct RawResponse {
    var status: Int
    var headerLines: [String]
    var body: [UInt8]
    var isComplete: Bool

    init?(bytes: [UInt8]) {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = (0..<max(0, bytes.count - 3)).first(where: { Array(bytes[$0..<($0 + 4)]) == separator }) else {
            return nil
        }
        let lines = String(decoding: bytes[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
        status = Int(lines[0].split(separator: " ")[1]) ?? 0
        headerLines = Array(lines.dropFirst())
        let rest = Array(bytes[(end + 4)...])
        if headerLines.contains(where: { $0.lowercased() == "transfer-encoding: chunked" }) {
            (body, isComplete) = Self.dechunk(rest)
        } else if let length = headerLines.first(where: { $0.lowercased().hasPrefix("content-length:") })
            .flatMap({ Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) })
        {
            body = Array(rest.prefix(length))
            isComplete = rest.count >= length
        } else {
            body = rest
            isComplete = false
        }
    }

    func header(_ name: String) -> String? {
        let prefix = name.lowercased() + ":"
        return headerLines.first { $0.lowercased().hasPrefix(prefix) }
            .map { String($0.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces) }
    }

    var text: String { String(decoding: body, as: UTF8.self) }

    private static func dechunk(_ bytes: [UInt8]) -> ([UInt8], Bool) {
        var body: [UInt8] = []
        var index = 0
        while let lineEnd = (index..<max(index, bytes.count - 1)).first(where: { bytes[$0] == 13 && bytes[$0 + 1] == 10 }) {
            let sizeText = String(decoding: bytes[index..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText, radix: 16) else { return (body, false) }
            if size == 0 { return (body, true) }
            let start = lineEnd + 2
            guard start + size + 2 <= bytes.count else { return (body, false) }
            body += bytes[start..<(start + size)]
            index = start + size + 2
        }
        return (body, false)
    }
}

struct ClientError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
