import ChatModel

/// Collects header lines from libcurl and recognises the block of the final response.
///
/// libcurl reports the headers of every response it reads: `100 Continue`, each redirect it follows, then
/// the final one. Only the final block is the response the caller asked for.
struct CurlHeaderCollector {
    private var status: Int?
    private var headers: [HTTPHeader] = []
    /// Whether libcurl follows redirects; when it does not, a redirect is the final response.
    private let followsRedirects: Bool

    init(followsRedirects: Bool = true) {
        self.followsRedirects = followsRedirects
    }

    /// The block read so far, as a head; nil before any status line.
    var current: HTTPResponseHead? {
        status.map { HTTPResponseHead(status: $0, headers: headers) }
    }

    /// Takes one raw header line; returns the head when it ends the final response's header block.
    mutating func take(line raw: UnsafeRawBufferPointer) -> HTTPResponseHead? {
        var end = raw.count
        while end > 0, raw[end - 1] == 0x0A || raw[end - 1] == 0x0D { end -= 1 }
        let line = String(decoding: raw[0..<end], as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            let fields = line.split(separator: " ", maxSplits: 2)
            status = fields.count > 1 ? Int(fields[1]) : nil
            headers = []
            return nil
        }
        if line.isEmpty {
            guard let head = current, isFinal(head) else { return nil }
            return head
        }
        if line.first == " " || line.first == "\t", var last = headers.popLast() {
            last.value += " " + line.trimmingSpaces
            headers.append(last)
        } else if let colon = line.firstIndex(of: ":") {
            headers.append(HTTPHeader(String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingSpaces))
        }
        return nil
    }

    /// Informational answers and redirects that libcurl will follow are not the final response.
    private func isFinal(_ head: HTTPResponseHead) -> Bool {
        if head.status < 200 { return false }
        if followsRedirects, (300..<400).contains(head.status), head.headers.value(for: "Location") != nil { return false }
        return true
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return String(text)
    }
}
