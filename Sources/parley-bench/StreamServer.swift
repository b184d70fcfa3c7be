import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A loopback OpenAI-compatible stream server for the end-to-end benchmark, on blocking sockets and threads.
///
/// `POST /burst/N/v1/chat/completions` streams N content chunks as fast as the socket takes them;
/// `/paced/N/v1/...` writes one every 10 ms; `/event/N/v1/...` streams one content chunk of N bytes of text and
/// `/document/N/v1/...` answers with one `chat.completion` of N bytes. Under `/burst/N/api/` and
/// `/paced/N/api/` it answers the few Ollama API calls a peer such as oterm makes before it chats (see
/// `OllamaRoutes`). The last content chunk is the marker word, so a client (or the screen) shows that the whole
/// reply arrived. The server notes when it wrote each stream's last byte.
final class StreamServer: @unchecked Sendable {
    /// The word the last content chunk carries.
    static let marker = "PARLEYEND"

    let port: UInt16
    private let listener: Int32
    private let lock = NSLock()
    private var stopping = false
    private var bodies: [Int: [UInt8]] = [:]
    private var finishedStreams: [Double] = []
    private var started = 0
    private var open: Set<Int32> = []
    private let connections = DispatchGroup()
    private let acceptEnded = DispatchSemaphore(value: 0)

    /// Binds 127.0.0.1 on a free port and starts accepting on a thread of its own.
    init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard listener >= 0 else { throw BenchError("socket failed: \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(listener, generic, length) == 0 && listen(listener, 64) == 0
                    && getsockname(listener, generic, &length) == 0
            }
        }
        guard bound else {
            let message = String(cString: strerror(errno))
            close(listener)
            throw BenchError("cannot listen on 127.0.0.1: \(message)")
        }
        self.listener = listener
        port = UInt16(bigEndian: address.sin_port)
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    /// The base URL that makes parley ask for `chunks` chunks, burst or paced.
    func baseURL(chunks: Int, paced: Bool) -> String {
        "http://127.0.0.1:\(port)/\(paced ? "paced" : "burst")/\(chunks)/v1"
    }

    /// The base URL that makes parley get one reply of `bytes` bytes: one event, or one blocking document.
    func baseURL(bigReply bytes: Int, document: Bool) -> String {
        "http://127.0.0.1:\(port)/\(document ? "document" : "event")/\(bytes)/v1"
    }

    /// How many streams have been written to their end so far.
    var finishedCount: Int { locked { finishedStreams.count } }

    /// How many streams have been asked for so far.
    var startedCount: Int { locked { started } }

    /// When each stream after the first `count` finished wrote its last byte, in the order they finished.
    func lastByteTimes(after count: Int) -> [Double] {
        locked { Array(finishedStreams.dropFirst(count)) }
    }

    /// When the stream after the first `count` finished wrote its last byte (`StoreBenchmark.now()` clock).
    func lastByteTime(after count: Int) -> Double? {
        locked { finishedStreams.count > count ? finishedStreams[count] : nil }
    }

    /// Stops accepting, ends streams in progress, and waits up to 5 s for their threads.
    ///
    /// The accepting thread closes the listening socket itself, so its descriptor cannot be reused under it.
    func stop() {
        let (first, active) = locked { () -> (Bool, Set<Int32>) in
            defer { stopping = true }
            return (!stopping, open)
        }
        guard first else { return }
        for connection in active { shutdown(connection, Int32(SHUT_RDWR)) }
        _ = connections.wait(timeout: .now() + 5)
        _ = acceptEnded.wait(timeout: .now() + 1)
    }

    /// The whole response body for `chunks` content chunks: HTTP chunks of SSE events, finish, `[DONE]`.
    func body(chunks: Int) -> [UInt8] {
        if let cached = locked({ bodies[chunks] }) { return cached }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(chunks * 190 + 512)
        for index in 0..<chunks {
            Self.appendChunk(Self.event(content: index == chunks - 1 ? Self.marker : "w\(index) "), to: &bytes)
        }
        Self.appendChunk(Self.event(content: nil), to: &bytes)
        Self.appendChunk("data: [DONE]\n\n", to: &bytes)
        bytes.append(contentsOf: Array("0\r\n\r\n".utf8))
        locked { bodies[chunks] = bytes }
        return bytes
    }

    /// The event stream of `body(chunks:)` without its HTTP chunk framing: what a client's SSE parser reads.
    static func events(chunks: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(chunks * 180 + 512)
        for index in 0..<chunks { bytes += Array(event(content: index == chunks - 1 ? marker : "w\(index) ").utf8) }
        bytes += Array(event(content: nil).utf8) + Array("data: [DONE]\n\n".utf8)
        return bytes
    }

    /// The body of one big reply: `bytes` bytes of words ending with the marker, as one SSE event (then the
    /// finish chunk and `[DONE]`) or as one `chat.completion` document.
    static func bigBody(bytes: Int, document: Bool) -> [UInt8] {
        let sentence = Array("the stream carried one very large event to see what memory it costs ".utf8)
        var text = [UInt8]()
        text.reserveCapacity(bytes)
        while text.count < bytes - marker.utf8.count { text += sentence.prefix(bytes - marker.utf8.count - text.count) }
        text += Array(marker.utf8)
        var body = [UInt8]()
        body.reserveCapacity(bytes + 512)
        if document {
            body += Array(#"{"id":"chatcmpl-x","object":"chat.completion","created":1700000000,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":""#.utf8)
            body += text
            body += Array(#""},"finish_reason":"stop"}]}"#.utf8)
        } else {
            body += Array(#"data: {"id":"chatcmpl-x","object":"chat.completion.chunk","created":1700000000,"model":"m","choices":[{"index":0,"delta":{"content":""#.utf8)
            body += text
            body += Array(#""},"finish_reason":null}]}"#.utf8) + [10, 10]
            body += Array(event(content: nil).utf8) + Array("data: [DONE]\n\n".utf8)
        }
        return body
    }

    private static func event(content: String?) -> String {
        let delta = content.map { #"{"content":"\#($0)"}"# } ?? "{}"
        let finish = content == nil ? #""stop""# : "null"
        return #"data: {"id":"chatcmpl-x","object":"chat.completion.chunk","created":1700000000,"model":"m","choices":[{"index":0,"delta":\#(delta),"finish_reason":\#(finish)}]}"#
            + "\n\n"
    }

    private static func appendChunk(_ payload: String, to bytes: inout [UInt8]) {
        let utf8 = Array(payload.utf8)
        bytes.append(contentsOf: Array((String(utf8.count, radix: 16) + "\r\n").utf8))
        bytes.append(contentsOf: utf8)
        bytes.append(contentsOf: [13, 10])
    }

    private func acceptLoop() {
        while !locked({ stopping }) {
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
            connections.enter()
            locked { _ = open.insert(connection) }
            Thread.detachNewThread { [self] in
                serve(connection)
                locked {
                    open.remove(connection)
                    close(connection)
                }
                connections.leave()
            }
        }
        close(listener)
        acceptEnded.signal()
    }

    private func serve(_ connection: Int32) {
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard let request = HTTPRequestReader(connection: connection).read(continueWith: { send(connection, Array($0.utf8)) }) else {
            return
        }
        let parts = request.path.split(separator: "/")
        if parts.count >= 4, parts[0] == "burst" || parts[0] == "paced", parts[2] == "api" {
            let (status, document) = OllamaRoutes.document(for: parts[3...].joined(separator: "/"))
            let head = "HTTP/1.1 \(status)\r\nContent-Type: application/json\r\nContent-Length: \(document.utf8.count)\r\n"
                + "Connection: close\r\n\r\n"
            _ = send(connection, Array((head + document).utf8))
            return
        }
        if request.method == "POST", parts.count == 5, parts[0] == "event" || parts[0] == "document", let bytes = Int(parts[1]),
           bytes > Self.marker.utf8.count, parts[2...] == ["v1", "chat", "completions"] {
            serveBig(bytes: bytes, document: parts[0] == "document", to: connection)
            return
        }
        guard request.method == "POST", parts.count == 5, parts[0] == "burst" || parts[0] == "paced",
              let chunks = Int(parts[1]), chunks > 0, parts[2...] == ["v1", "chat", "completions"]
        else {
            _ = send(connection, Array("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8))
            return
        }
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
            + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        locked { started += 1 }
        guard send(connection, Array(head.utf8)) else { return }
        let body = body(chunks: chunks)
        let complete = parts[0] == "paced" ? writePaced(body, chunks: chunks, to: connection) : send(connection, body)
        if complete { locked { finishedStreams.append(StoreBenchmark.now()) } }
    }

    private func serveBig(bytes: Int, document: Bool, to connection: Int32) {
        let body = Self.bigBody(bytes: bytes, document: document)
        let head = "HTTP/1.1 200 OK\r\nContent-Type: \(document ? "application/json" : "text/event-stream")\r\n"
            + "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        guard send(connection, Array(head.utf8)), send(connection, body) else { return }
        locked { finishedStreams.append(StoreBenchmark.now()) }
    }

    /// Writes one content chunk every 10 ms on a fixed schedule; the finish chunk and `[DONE]` go with the last.
    private func writePaced(_ body: [UInt8], chunks: Int, to connection: Int32) -> Bool {
        let start = StoreBenchmark.now()
        var offset = 0
        for index in 0..<chunks {
            guard !locked({ stopping }) else { return false }
            let wait = start + Double(index) * 0.01 - StoreBenchmark.now()
            if wait > 0 { usleep(useconds_t(wait * 1_000_000)) }
            var end = offset
            if index == chunks - 1 {
                end = body.count
            } else {
                guard let crlf = Self.chunkEnd(in: body, from: offset) else { return false }
                end = crlf
            }
            guard send(connection, Array(body[offset..<end])) else { return false }
            offset = end
        }
        return true
    }

    /// The offset just after the HTTP chunk that starts at `offset`.
    private static func chunkEnd(in body: [UInt8], from offset: Int) -> Int? {
        guard let sizeEnd = body[offset...].firstIndex(of: 13),
              let size = Int(String(decoding: body[offset..<sizeEnd], as: UTF8.self), radix: 16)
        else { return nil }
        return sizeEnd + 2 + size + 2
    }

    /// Writes all of `bytes`, as fast as the socket takes them; false when the peer went away or stalled.
    private func send(_ connection: Int32, _ bytes: [UInt8]) -> Bool {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { raw in
                Glibc.send(connection, raw.baseAddress! + written, min(bytes.count - written, 262_144), Int32(MSG_NOSIGNAL))
            }
            if count > 0 {
                written += count
            } else if count < 0, errno == EINTR {
                continue
            } else {
                return false
            }
        }
        return true
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}
