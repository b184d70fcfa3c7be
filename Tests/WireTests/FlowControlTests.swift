import Foundation
import TestSupport
import Wire
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// A consumer that falls behind pauses the transfer: the server is held back, and every byte still arrives.
final class FlowControlTests: XCTestCase {
    func testASlowConsumerHoldsTheServerBackAndLosesNothing() async throws {
        var body = [UInt8](repeating: 0, count: 48 << 20)
        body.withUnsafeMutableBufferPointer { bytes in
            for i in bytes.indices { bytes[i] = UInt8(truncatingIfNeeded: i % 251) }
        }
        let server = try BulkBodyServer(body: body)
        defer { server.stop() }
        let transport = CurlTransport()
        let call = transport.start(
            HTTPRequest(method: "GET", url: "http://127.0.0.1:\(server.port)/bulk"),
            options: TransportOptions(connectTimeout: 5, idleTimeout: 5))
        var parts = call.parts.makeAsyncIterator()
        var received: [UInt8] = []
        while received.isEmpty, let part = try await parts.next() {
            if case .body(let bytes) = part { received += bytes }
        }

        var last = -1
        var unchanged = 0
        try await waitUntil("the server is held back while nothing is taken", timeout: 10) {
            let written = server.written
            unchanged = written == last ? unchanged + 1 : 0
            last = written
            return unchanged >= 20 && written < body.count
        }
        XCTAssertLessThan(server.written, body.count, "the whole body was read although nobody took it")

        while let part = try await parts.next() {
            if case .body(let bytes) = part { received += bytes }
        }
        XCTAssertEqual(received.count, body.count)
        XCTAssertTrue(received == body, "the bytes after a pause arrive unchanged and in order")
    }
}

/// A one-connection HTTP server on 127.0.0.1 that writes a large body with blocking writes and counts them.
private final class BulkBodyServer: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let body: [UInt8]
    private let count = Locked(0)

    var written: Int { count.get() }

    init(body: [UInt8]) throws {
        self.body = body
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

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func serve() {
        let connection = accept(listener, nil, nil)
        guard connection >= 0 else { return }
        defer { close(connection) }
        var request = [UInt8](repeating: 0, count: 4096)
        _ = read(connection, &request, request.count)
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: \(body.count)\r\n\r\n"
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
}
