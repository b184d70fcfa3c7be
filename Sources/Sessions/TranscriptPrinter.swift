import ChatModel
import Foundation

/// Formats one stored conversation as plain text for `parley conversations show`.
///
/// Every part a reply can carry is shown (reasoning, steps with their input and output, citations, files,
/// usage), and a reply that did not complete says how it ended, so nothing the store holds is hidden.
/// Text is not sanitized here; the caller makes control characters visible before writing.
public struct TranscriptPrinter: Sendable {
    public var conversation: Conversation
    public var messages: [Message]
    public var timeZone: TimeZone

    public init(conversation: Conversation, messages: [Message], timeZone: TimeZone = .current) {
        self.conversation = conversation
        self.messages = messages
        self.timeZone = timeZone
    }

    public var text: String {
        var out = (conversation.title.isEmpty ? "Untitled" : conversation.title) + "\n"
        var facts = [conversation.provider]
        if let profile = conversation.profile { facts.append("profile \(profile)") }
        if let remote = conversation.remoteID { facts.append("remote \(remote)") }
        facts.append("id \(conversation.id)")
        out += facts.joined(separator: " · ") + "\n"
        var dates = "created \(minute(conversation.createdAt)), updated \(minute(conversation.updatedAt))"
        if conversation.pinned { dates += " · pinned" }
        if conversation.archived { dates += " · archived" }
        out += dates + "\n"
        if messages.isEmpty { out += "\n(no messages)\n" }
        for message in messages { out += "\n" + render(message) }
        return out
    }

    private func render(_ m: Message) -> String {
        var head = "── \(m.role.rawValue) · \(minute(m.createdAt))"
        if m.status != .complete { head += " · \(m.status.rawValue)" }
        var out = head + " ──\n"
        if !m.reasoning.isEmpty { out += "reasoning:\n" + Self.indent(m.reasoning, "  | ") + "\n" }
        if !m.text.isEmpty { out += m.text + (m.text.hasSuffix("\n") ? "" : "\n") }
        if !m.steps.isEmpty {
            out += "steps:\n"
            for (i, s) in m.steps.enumerated() {
                out += "  \(i + 1). \(s.kind.rawValue) \(s.name) (\(s.status.rawValue))\n"
                if !s.thought.isEmpty { out += "     thought: " + Self.continued(s.thought) + "\n" }
                if !s.input.isEmpty { out += "     input:   " + Self.continued(s.input) + "\n" }
                if !s.output.isEmpty { out += "     output:  " + Self.continued(s.output) + "\n" }
            }
        }
        if !m.citations.isEmpty {
            out += "citations:\n"
            for (i, c) in m.citations.enumerated() {
                var line = "  [\(i + 1)] \(c.title)"
                if let source = c.source { line += " — \(source)" }
                if let score = c.score { line += String(format: " (score %.3f)", score) }
                if let url = c.url { line += " <\(url)>" }
                out += line + "\n" + Self.indent(c.content, "      ") + "\n"
            }
        }
        if !m.files.isEmpty {
            out += "files:\n"
            for f in m.files {
                out += "  \(f.type): \(f.name ?? f.id ?? "unnamed")\(f.url.map { " <\($0)>" } ?? "")\n"
            }
        }
        if let usage = m.usage { out += "usage: \(Self.usage(usage))\n" }
        if let ending = Self.ending(m) { out += ending + "\n" }
        return out
    }

    /// How a reply that did not complete ended, in a sentence.
    static func ending(_ m: Message) -> String? {
        let reason = m.error.map { ": \($0)" } ?? ""
        switch m.status {
        case .complete: return nil
        case .failed: return "(the reply failed\(reason))"
        case .cancelled: return "(cancelled; what arrived before is kept)"
        case .interrupted: return "(interrupted: the stream stopped before its end\(reason))"
        case .streaming: return "(still streaming when this was read)"
        }
    }

    static func usage(_ u: Usage) -> String {
        var parts: [String] = []
        if let p = u.promptTokens { parts.append("\(p) prompt") }
        if let c = u.completionTokens { parts.append("\(c) completion") }
        if let t = u.totalTokens { parts.append("\(t) total tokens") }
        if let price = u.totalPrice { parts.append(("\(price) " + (u.currency ?? "")).trimmingCharacters(in: .whitespaces)) }
        if let latency = u.latency { parts.append(String(format: "latency %.2f s", latency)) }
        return parts.joined(separator: ", ")
    }

    private func minute(_ date: Date) -> String { TimeText.minute(date, timeZone: timeZone) }

    private static func indent(_ text: String, _ prefix: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { prefix + $0 }.joined(separator: "\n")
    }

    /// Multi-line text after a label: later lines indented to line up under the first.
    private static func continued(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n              ")
    }
}
