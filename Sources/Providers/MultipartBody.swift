/// Builds a `multipart/form-data` body (RFC 7578) from text fields and files.
///
/// Dify's `files/upload` takes exactly one file plus the `user` field this way. The boundary is given by the
/// caller so bodies are reproducible in tests.
public struct MultipartBody: Sendable, Equatable {
    public var boundary: String
    private var bytes: [UInt8] = []

    public init(boundary: String) {
        self.boundary = boundary
    }

    /// The `Content-Type` header value naming the boundary.
    public var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    public mutating func addField(name: String, value: String) {
        append("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(Self.quoted(name))\"\r\n\r\n")
        append(value)
        append("\r\n")
    }

    public mutating func addFile(name: String, fileName: String, mimeType: String, data: [UInt8]) {
        append("--\(boundary)\r\n")
        append("Content-Disposition: form-data; name=\"\(Self.quoted(name))\"; filename=\"\(Self.quoted(fileName))\"\r\n")
        append("Content-Type: \(mimeType)\r\n\r\n")
        bytes += data
        append("\r\n")
    }

    /// The finished body, closing delimiter included.
    public var body: [UInt8] { bytes + Array("--\(boundary)--\r\n".utf8) }

    private mutating func append(_ text: String) { bytes += Array(text.utf8) }

    /// Escapes the characters that would end a quoted header parameter.
    private static func quoted(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\"": out += "%22"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.append(character)
            }
        }
        return out
    }
}
