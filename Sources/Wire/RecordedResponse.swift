import ChatModel

/// A response read back from a file: a bare body, or a whole HTTP/1.1 response as `curl -i` prints it.
///
/// `parley replay` decodes these without a network. A whole response's status and headers count (an error
/// status is an error document, not a stream); a bare body gets a guessed head: JSON if it starts with `{`
/// or `[`, an event stream otherwise.
public struct RecordedResponse: Sendable, Equatable {
    public var head: HTTPResponseHead
    public var body: [UInt8]
    /// True when the head was read from the file rather than guessed.
    public var hadHead: Bool

    public init(head: HTTPResponseHead, body: [UInt8], hadHead: Bool) {
        self.head = head
        self.body = body
        self.hadHead = hadHead
    }

    /// Reads a file's bytes. Several header blocks (`100 Continue`, redirects) are skipped to the last.
    public static func parse(_ bytes: [UInt8]) throws -> RecordedResponse {
        var rest = bytes[...]
        var head: HTTPResponseHead?
        while rest.starts(with: Array("HTTP/".utf8)) {
            guard let (block, after) = splitHeaderBlock(rest) else {
                throw RecordedResponseError(
                    "The file starts like an HTTP response but its headers never end with a blank line.")
            }
            head = try parseHead(block)
            rest = after
        }
        if let head { return RecordedResponse(head: head, body: Array(rest), hadHead: true) }
        let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        let guessed = first == UInt8(ascii: "{") || first == UInt8(ascii: "[") ? "application/json" : "text/event-stream"
        return RecordedResponse(
            head: HTTPResponseHead(status: 200, headers: [HTTPHeader("Content-Type", guessed)]), body: bytes,
            hadHead: false)
    }

    private static func splitHeaderBlock(_ bytes: ArraySlice<UInt8>) -> (ArraySlice<UInt8>, ArraySlice<UInt8>)? {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            for terminator in [[0x0D, 0x0A, 0x0D, 0x0A], [0x0A, 0x0A]] as [[UInt8]]
            where bytes[index...].starts(with: terminator) {
                return (bytes[..<index], bytes[(index + terminator.count)...])
            }
            index += 1
        }
        return nil
    }

    private static func parseHead(_ block: ArraySlice<UInt8>) throws -> HTTPResponseHead {
        let lines = String(decoding: block, as: UTF8.self).split(whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        guard let statusLine = lines.first else { throw RecordedResponseError("The HTTP response has no status line.") }
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, let status = Int(parts[1]) else {
            throw RecordedResponseError("Cannot read the status line \"\(statusLine)\"; expected e.g. \"HTTP/1.1 200 OK\".")
        }
        let headers = lines.dropFirst().compactMap { line -> HTTPHeader? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let value = line[line.index(after: colon)...].drop(while: { $0 == " " || $0 == "\t" })
            return HTTPHeader(String(line[..<colon]), String(value))
        }
        return HTTPResponseHead(status: status, headers: headers)
    }
}

/// A recorded response file could not be read.
public struct RecordedResponseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}
