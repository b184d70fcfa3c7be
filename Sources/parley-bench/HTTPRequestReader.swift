import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads one HTTP/1.1 request (head and `Content-Length` body) from a blocking socket for `StreamServer`.
///
/// Only what the benchmark's clients send is understood: a request line, headers, an optional
/// `Expect: 100-continue` (answered through a callback, as curl waits for it) and a body that is read and dropped.
struct HTTPRequestReader {
    /// The parts of a request the server routes on.
    struct Request {
        var method: String
        var path: String
    }

    let connection: Int32

    /// The request, or nil when the peer closed, stalled past the socket's receive timeout, or sent nonsense.
    func read(continueWith answer: (String) -> Bool) -> Request? {
        var buffered: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 8192)
        let separator: [UInt8] = [13, 10, 13, 10]
        var headEnd: Int?
        while headEnd == nil {
            guard buffered.count < 65_536 else { return nil }
            let count = recv(connection, &chunk, chunk.count, 0)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return nil }
            buffered.append(contentsOf: chunk[0..<count])
            headEnd = Self.find(separator, in: buffered)
        }
        guard let headEnd else { return nil }
        let lines = String(decoding: buffered[0..<headEnd], as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = lines[0].split(separator: " ")
        guard requestLine.count == 3 else { return nil }
        var contentLength = 0
        var expectsContinue = false
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if name == "content-length" { contentLength = Int(value) ?? 0 }
            if name == "expect", value.lowercased() == "100-continue" { expectsContinue = true }
        }
        var bodyRead = buffered.count - headEnd - separator.count
        if expectsContinue, bodyRead < contentLength, !answer("HTTP/1.1 100 Continue\r\n\r\n") { return nil }
        while bodyRead < contentLength {
            let count = recv(connection, &chunk, min(chunk.count, contentLength - bodyRead), 0)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return nil }
            bodyRead += count
        }
        return Request(method: String(requestLine[0]), path: String(requestLine[1]))
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }
}
