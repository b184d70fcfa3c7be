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

    /// A burst of small chunks that arrived faster than it was taken is handed over in parts of at most 64 KiB
    /// (whose memory the C library reuses from part to part), every byte in order.
    func testABurstThatPiledUpArrivesInBoundedParts() async throws {
        var body = [UInt8](repeating: 0, count: 768 << 10)
        body.withUnsafeMutableBufferPointer { bytes in
            for i in bytes.indices { bytes[i] = UInt8(truncatingIfNeeded: i % 241) }
        }
        let server = try BulkBodyServer(body: body, contentType: "text/event-stream", chunkSize: 180)
        defer { server.stop() }
        let transport = CurlTransport()
        let call = transport.start(
            HTTPRequest(method: "GET", url: "http://127.0.0.1:\(server.port)/burst"),
            options: TransportOptions(connectTimeout: 5, idleTimeout: 5))
        try await waitUntil("the server has sent the whole burst before anything is taken", timeout: 10) {
            server.written == body.count
        }
        var received: [UInt8] = []
        var largest = 0
        var parts = 0
        for try await part in call.parts {
            guard case .body(let bytes) = part else { continue }
            received += bytes
            largest = max(largest, bytes.count)
            parts += 1
        }
        XCTAssertLessThanOrEqual(largest, 64 << 10, "one part held more than 64 KiB")
        XCTAssertGreaterThanOrEqual(parts, 12)
        XCTAssertTrue(received == body, "every byte arrives unchanged and in order")
    }
}
