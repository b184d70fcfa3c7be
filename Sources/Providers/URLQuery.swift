/// Builds a URL with a percent-encoded query string, skipping parameters whose value is absent.
///
/// Companion endpoints (Dify conversations and messages, Helix session lists) take their cursors and user ids
/// in the query; values such as user ids may hold any character, so each is encoded per RFC 3986.
enum URLQuery {
    static func url(_ base: String, _ path: String, _ parameters: [(String, String?)]) -> String {
        let url = joinURL(base, path)
        let pairs = parameters.compactMap { name, value in value.map { "\(encode(name))=\(encode($0))" } }
        return pairs.isEmpty ? url : url + "?" + pairs.joined(separator: "&")
    }

    /// One path segment or query value, with everything but unreserved characters percent-encoded.
    static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
