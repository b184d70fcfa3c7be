import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A one-connection HTTP server on 127.0.0.1 that writes a large body with blocking writes and counts them.
/// With `chunkSize`, the body goes out in HTTP chunks of that many bytes, as a stream of small events does.
public final class BulkBodyServer: @unchecked Sendable {
    public let port: Int
    private let listener: Int32
    private let body: [UInt8]
    private let contentType: String
    private let chunkSize: Int?
    private let count = Locked(0)

    /// How many bytes of the body the socket has taken so far.
    public var written: Int { count.get() }

    public init(body: [UInt8], contentType: String = "application/octet-stream", chunkSize: Int? = nil) throws {
        self.body = body
        self.contentType = contentType
        self.chunkSize = chunkSize
        port = try LoopbackPort.free()
        listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var reuse: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 1) == 0 else { throw SpawnError(message: "could not listen on \(port)") }
        Thread.detachNewThread { [self] in serve() }
    }

    public func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func serve() {
        let connection = accept(listener, nil, nil)
        guard connection >= 0 else { return }
        defer { close(connection) }
        var request = [UInt8](repeating: 0, count: 4096)
        _ = read(connection, &request, request.count)
        if let chunkSize {
            return serveChunked(on: connection, chunkSize: chunkSize)
        }
        let head = "HTTP/1.1 200 OK\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n\r\n"
        guard send(connection, head, head.utf8.count, Int32(MSG_NOSIGNAL)) > 0 else { return }
        var offset = 0
        while offset < body.count {
            let sent = body[offset...].prefix(65_536).withUnsafeBytes {
                send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { return }
            offset += sent
            count.set(offset)
        }
    }

    /// The body as HTTP chunks of `chunkSize` bytes, each chunk sent with one blocking write.
    private func serveChunked(on connection: Int32, chunkSize: Int) {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: \(contentType)\r\nTransfer-Encoding: chunked\r\n\r\n"
        guard sendAll(Array(head.utf8), on: connection) else { return }
        var offset = 0
        while offset < body.count {
            let piece = body[offset..<min(body.count, offset + chunkSize)]
            let chunk = Array(String(piece.count, radix: 16).utf8) + [0x0D, 0x0A] + piece + [0x0D, 0x0A]
            guard sendAll(chunk, on: connection) else { return }
            offset += piece.count
            count.set(offset)
        }
        _ = sendAll(Array("0\r\n\r\n".utf8), on: connection)
    }

    private func sendAll(_ bytes: [UInt8], on connection: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }
}
