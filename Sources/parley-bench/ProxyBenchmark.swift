import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What `parley proxy` adds to each chunk's trip: a paced stream read directly and through the real binary.
///
/// The upstream writes an event every few milliseconds carrying the time it was written; the client (this
/// process, same clock) notes when each arrives. The difference through the proxy, less the direct one, is
/// what the proxy adds: libcurl's read, the hand-over to the listener and the write to the client. The proxy
/// stores every record in a database of its own while it forwards, as it does for a user.
struct ProxyBenchmark {
    var events = 400
    var intervalMicroseconds: UInt32 = 5_000
    let parley: String

    func run() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-bench-proxy-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let upstream = try TimestampServer(events: events, interval: intervalMicroseconds)
        defer { upstream.stop() }
        let port = try Self.freePort()
        let child = try ChildProcess(
            executable: parley,
            arguments: [
                "proxy", "--listen", "127.0.0.1:\(port)", "--upstream", "http://127.0.0.1:\(upstream.port)",
                "--database", folder.appendingPathComponent("proxy.sqlite").path,
            ],
            environment: ProcessInfo.processInfo.environment, stdout: folder.appendingPathComponent("out").path,
            stderr: folder.appendingPathComponent("err").path)
        defer { child.kill() }
        try Self.waitUntilAccepting(port)

        _ = try Self.delays(port: upstream.port)
        let direct = try Self.delays(port: upstream.port).sorted()
        let proxied = try Self.delays(port: port).sorted()
        guard direct.count > events / 2, proxied.count > events / 2 else {
            throw BenchError("too few events arrived (direct \(direct.count), proxied \(proxied.count) of \(events))")
        }
        func percentile(_ values: [Double], _ p: Double) -> Double { values[min(values.count - 1, Int(Double(values.count) * p))] }
        print("Parley proxy benchmark (\(events) events, one every \(intervalMicroseconds / 1000) ms, over loopback; the proxy stores every record)")
        let rows: [(String, Double, (String, Bool)?)] = [
            ("direct, median", percentile(direct, 0.5), nil),
            ("through proxy, median", percentile(proxied, 0.5), nil),
            ("added by the proxy, median", percentile(proxied, 0.5) - percentile(direct, 0.5),
             ("< 5 ms", percentile(proxied, 0.5) - percentile(direct, 0.5) < 0.005)),
            ("added by the proxy, p99", percentile(proxied, 0.99) - percentile(direct, 0.99),
             nil),
        ]
        for (measure, value, target) in rows {
            Figure(scenario: "paced", client: "parley proxy", measure: measure, value: String(format: "%.3f ms", value * 1000),
                   target: target).print()
        }
    }

    /// Seconds from each event's write to its arrival, for one request to `port`.
    private static func delays(port: Int) throws -> [Double] {
        let fd = try connectLoopback(port)
        defer { close(fd) }
        let body = #"{"model":"bench","stream":true,"messages":[{"role":"user","content":"proxy bench"}]}"#
        let request = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(body.utf8.count)\r\n\r\n" + body
        _ = request.withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        var pending: [UInt8] = []
        var delays: [Double] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        let marker = Array(#""t":"#.utf8)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            let arrived = StoreBenchmark.now()
            guard count > 0 else { break }
            pending += buffer[0..<count]
            var index = 0
            var consumed = 0
            while index + marker.count <= pending.count {
                guard pending[index..<(index + marker.count)].elementsEqual(marker) else {
                    index += 1
                    continue
                }
                guard let end = pending[(index + marker.count)...].firstIndex(of: UInt8(ascii: "}")) else { break }
                if let sent = Double(String(decoding: pending[(index + marker.count)..<end], as: UTF8.self)) {
                    delays.append(arrived - sent)
                }
                index = end
                consumed = end
            }
            if pending.contains(Array("[DONE]".utf8)) { break }
            pending.removeFirst(consumed)
        }
        return delays
    }

    static func connectLoopback(_ port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else {
            close(fd)
            throw BenchError("cannot connect to 127.0.0.1:\(port)")
        }
        return fd
    }

    private static func waitUntilAccepting(_ port: Int) throws {
        let deadline = StoreBenchmark.now() + 20
        while StoreBenchmark.now() < deadline {
            if let fd = try? connectLoopback(port) {
                close(fd)
                return
            }
            usleep(20_000)
        }
        throw BenchError("parley proxy did not listen on 127.0.0.1:\(port) within 20 s")
    }

    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw BenchError("cannot find a free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// A loopback server whose every response is a paced OpenAI-style stream; each event carries the moment it
/// was written (`"t":` seconds of uptime), then `[DONE]`, then the connection closes.
private final class TimestampServer: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let events: Int
    private let interval: UInt32

    init(events: Int, interval: UInt32) throws {
        self.events = events
        self.interval = interval
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        listener = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw BenchError("cannot listen on 127.0.0.1") }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in
            while true {
                let client = accept(listener, nil, nil)
                guard client >= 0 else { return }
                Thread.detachNewThread { [self] in serve(client) }
            }
        }
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func serve(_ client: Int32) {
        defer { close(client) }
        var one: Int32 = 1
        setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !String(decoding: received, as: UTF8.self).contains("}]}") {
            let count = recv(client, &buffer, buffer.count, 0)
            guard count > 0 else { return }
            received += buffer[0..<count]
        }
        write(client, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n")
        for _ in 0..<events {
            usleep(interval)
            let time = String(format: "%.6f", StoreBenchmark.now())
            write(client, #"data: {"choices":[{"index":0,"delta":{"content":"x"}}],"t":\#(time)}"# + "\n\n")
        }
        write(client, "data: [DONE]\n\n")
    }

    private func write(_ fd: Int32, _ text: String) {
        _ = text.withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
    }
}
