import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The listeners for connection faults the fixture server cannot play: a port nobody listens on, a socket
/// that never accepts, and a TLS server with a self-signed certificate (openssl s_server).
enum FaultListeners {
    /// A loopback socket bound to a free port; listening when `backlog` is given.
    static func bind(listening backlog: Int32?) throws -> (socket: Int32, port: Int) {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard listener >= 0 else { throw BenchError("socket failed: \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                Glibc.bind(listener, generic, length) == 0 && (backlog.map { listen(listener, $0) == 0 } ?? true)
                    && getsockname(listener, generic, &length) == 0
            }
        }
        guard bound else {
            close(listener)
            throw BenchError("cannot bind 127.0.0.1: \(String(cString: strerror(errno)))")
        }
        return (listener, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// A port that was free a moment ago and has no listener now.
    static func closedPort() throws -> Int {
        let (socket, port) = try bind(listening: nil)
        close(socket)
        return port
    }

    /// True once something accepts TCP connections on 127.0.0.1:`port`.
    static func accepts(port: Int) -> Bool {
        let probe = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        defer { close(probe) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(probe, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// A running `openssl s_server` with a fresh self-signed certificate, and its port.
    static func selfSignedTLS(folder: String, environment: [String: String]) throws -> (ChildProcess, Int) {
        guard let openssl = EndToEndBenchmark.onPath("openssl") else { throw BenchError("openssl is not installed") }
        let key = folder + "/tls-key.pem", certificate = folder + "/tls-cert.pem"
        let make = try ChildProcess(
            executable: openssl,
            arguments: ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate,
                        "-days", "2", "-subj", "/CN=127.0.0.1"],
            environment: environment, stdout: folder + "/openssl-req.out", stderr: folder + "/openssl-req.err")
        guard make.measure(deadline: 60, memoryCap: 1 << 30).succeeded else {
            throw BenchError("openssl could not make a self-signed certificate (see \(folder)/openssl-req.err)")
        }
        let port = try closedPort()
        let server = try ChildProcess(
            executable: openssl,
            arguments: ["s_server", "-accept", "127.0.0.1:\(port)", "-cert", certificate, "-key", key, "-www", "-quiet"],
            environment: environment, stdout: folder + "/openssl-server.out", stderr: folder + "/openssl-server.err")
        for _ in 0..<500 {
            if accepts(port: port) { return (server, port) }
            usleep(10_000)
        }
        server.kill()
        throw BenchError("openssl s_server did not listen on 127.0.0.1:\(port) within 5 s")
    }
}
