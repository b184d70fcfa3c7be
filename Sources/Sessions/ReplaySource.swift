import ChatModel
import Foundation
import Store
import Wire

/// A response to replay, read from a file: a Parley recording with its timing, or a bare body or `curl -i`
/// capture without any.
///
/// Both become a `Recording`, so `parley replay` feeds the same head and pieces through the same
/// `ResponseReader` whichever kind of file it was given.
public struct ReplaySource: Sendable {
    public var recording: Recording
    /// True when the file was a Parley recording, so its pieces carry their original arrival times.
    public var isTimed: Bool

    /// Reads a file's bytes; a first line with `"format":"parley.recording"` makes it a recording.
    public init(bytes: [UInt8], name: String) throws {
        if Self.isRecording(bytes) {
            recording = try RecordingReader.parse(String(decoding: bytes, as: UTF8.self), name: name)
            isTimed = true
            return
        }
        let response = try RecordedResponse.parse(bytes)
        recording = Recording(
            request: RunRequest(method: "GET", url: ""),
            response: ResponseHead(
                status: response.head.status, headers: response.head.headers,
                receivedAt: 0),
            chunks: [Recording.Chunk(t: 0, offset: 0, kind: .document, bytes: response.body)])
        isTimed = false
    }

    /// True when the first line of `bytes` is a recording header.
    public static func isRecording(_ bytes: [UInt8]) -> Bool {
        let firstLine = bytes.prefix { $0 != UInt8(ascii: "\n") }
        return String(decoding: firstLine, as: UTF8.self).contains(#""format":"parley.recording""#)
    }

    /// The response head as the transport would have delivered it, or `nil` when none had arrived.
    public var head: HTTPResponseHead? {
        recording.response.map { HTTPResponseHead(status: $0.status, headers: $0.headers) }
    }

    /// When the last piece arrived, in seconds after the request.
    public var duration: Double { recording.chunks.map(\.t).max() ?? 0 }
}
