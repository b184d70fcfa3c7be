/// The response head: a status that is not a stream, a content type clients will not read as one.
enum HTTPRules {
    static func check(_ head: LintInput.Head?, looksLikeStream: Bool, _ findings: inout FindingCollector) {
        guard let head else { return }
        guard (200..<300).contains(head.status) else {
            findings.add(.httpStatus, record: nil, offset: nil, "HTTP \(head.status): the body is an error document.")
            return
        }
        let type = head.headers.value(for: "Content-Type")
        let isStream = type?.lowercased().hasPrefix("text/event-stream") ?? false
        if !isStream, looksLikeStream {
            findings.add(
                .contentType, record: nil, offset: nil,
                "The body is an event stream but Content-Type is \(type.map { "\"\($0)\"" } ?? "missing").")
        }
    }
}
