import ChatModel
import Wire

/// Checks one response against the WHATWG event-stream rules and its provider's protocol.
///
/// Pure: bytes in, findings out. Each rule family is a small type in `Rules/`; this decides which apply (a
/// body that is not an event stream gets only the HTTP rules) and which protocol the events follow.
public enum Linter {
    /// The protocols the event rules know, by provider kind.
    public static let protocols = ["openai", "helix", "pais", "dify", "hummingbird", "sse"]

    public static func lint(_ input: LintInput) -> LintReport {
        var findings = FindingCollector()
        let stream = LintStream(pieces: input.pieces)
        let isStream = isEventStream(input.head, body: stream.body)
        HTTPRules.check(input.head, looksLikeStream: looksLikeEvents(stream.body), &findings)
        let isError = input.head.map { !(200..<300).contains($0.status) } ?? false
        guard isStream, !isError else {
            return LintReport(findings: findings.sorted, records: 0, bytes: stream.body.count, protocolName: "document")
        }
        FramingRules.check(stream, &findings)
        TimingRules.check(stream, timed: input.timed, threshold: input.gapThreshold, &findings)
        let name = input.provider ?? guessProtocol(stream)
        switch name {
        case "openai", "helix", "pais":
            ChunkRules.check(stream, requestBody: input.requestBody, &findings)
        case "dify":
            DifyRules.check(stream, &findings)
        default:
            break
        }
        return LintReport(findings: findings.sorted, records: stream.records.count, bytes: stream.body.count, protocolName: name)
    }

    /// The protocol the events look like: Dify names its events inside the JSON, chat completions have
    /// choices; `sse` when neither shows.
    static func guessProtocol(_ stream: LintStream) -> String {
        for (_, event) in stream.events {
            guard let json = try? JSONReader.parse(event.data) else { continue }
            if json["event"]?.stringValue != nil { return "dify" }
            if json["choices"] != nil || json["object"]?.stringValue?.hasPrefix("chat.completion") == true {
                return "openai"
            }
        }
        return "sse"
    }

    /// True when the head says event stream, or, with no head or another type, the body reads like one.
    private static func isEventStream(_ head: LintInput.Head?, body: [UInt8]) -> Bool {
        if let head, head.headers.value(for: "Content-Type")?.lowercased().hasPrefix("text/event-stream") == true {
            return true
        }
        return looksLikeEvents(body)
    }

    /// True when the first line that is not blank starts with an event-stream field or a comment.
    static func looksLikeEvents(_ body: [UInt8]) -> Bool {
        var bytes = body[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let start = bytes.drop { $0 == 0x0A || $0 == 0x0D || $0 == 0x20 }
        if start.first == UInt8(ascii: ":") { return true }
        return ["data", "event", "id", "retry"].contains { start.starts(with: Array($0.utf8)) }
    }
}
