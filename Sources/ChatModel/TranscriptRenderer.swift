import Foundation

/// Renders a stored conversation for a person to read, as terminal text or as Markdown.
///
/// `parley conversations show` and `parley export --format md` show the same parts of the same messages in
/// the same order (reasoning, text, steps, citations, files, usage, timing, how a reply ended); one walk
/// over them with two outputs keeps the commands from drifting apart. Markdown comes out with control
/// characters made visible (`ControlSanitizer.printable`), since a file is read with `cat` and in viewers that
/// pass them to a terminal; terminal text is not sanitized here, its caller makes them visible as it writes.
public struct TranscriptRenderer: Sendable {
    /// The two outputs: plain lines for a terminal, or Markdown for a file.
    public enum Format: Sendable {
        case text
        case markdown
    }

    public var conversation: Conversation
    public var messages: [Message]
    /// The figures of each reply's latest run, by message id, for its timing line.
    public var timings: [String: RunMetrics]
    /// The zone of the times in text; Markdown writes UTC.
    public var timeZone: TimeZone

    public init(
        conversation: Conversation, messages: [Message], timings: [String: RunMetrics] = [:],
        timeZone: TimeZone = .current
    ) {
        self.conversation = conversation
        self.messages = messages
        self.timings = timings
        self.timeZone = timeZone
    }

    public func render(_ format: Format) -> String {
        var out = format == .text ? textHeader : markdownHeader
        if messages.isEmpty, format == .text { out += "\n(no messages)\n" }
        for message in messages { out += "\n" + render(message, format) }
        return format == .markdown ? ControlSanitizer.printable(out) : out
    }

    private var textHeader: String {
        let c = conversation
        var out = (c.title.isEmpty ? "Untitled" : c.title) + "\n"
        var facts = [c.provider]
        if let profile = c.profile { facts.append("profile \(profile)") }
        if let remote = c.remoteID { facts.append("remote \(remote)") }
        facts.append("id \(c.id)")
        out += facts.joined(separator: " · ") + "\n"
        var dates = "created \(minute(c.createdAt)), updated \(minute(c.updatedAt))"
        if c.pinned { dates += " · pinned" }
        if c.archived { dates += " · archived" }
        return out + dates + "\n"
    }

    private var markdownHeader: String {
        let c = conversation
        var out = "# \(c.title.isEmpty ? "Untitled conversation" : c.title)\n\n"
        var facts = ["Provider: \(c.provider)"]
        if let profile = c.profile { facts.append("profile \(profile)") }
        if let remote = c.remoteID { facts.append("remote id `\(remote)`") }
        out += "- " + facts.joined(separator: ", ") + "\n"
        out += "- Created \(Self.iso(c.createdAt)), updated \(Self.iso(c.updatedAt))\n"
        if c.pinned || c.archived {
            out += "- " + [c.pinned ? "Pinned" : nil, c.archived ? "Archived" : nil].compactMap { $0 }
                .joined(separator: ", ") + "\n"
        }
        return out
    }

    /// One message: its heading, then each part it carries, in the same order in both formats.
    private func render(_ m: Message, _ format: Format) -> String {
        let md = format == .markdown
        var head = md
            ? "## \(m.role.rawValue.capitalized) · \(Self.iso(m.createdAt))"
            : "── \(m.role.rawValue) · \(minute(m.createdAt))"
        if m.status != .complete { head += " · \(m.status.rawValue)" }
        var out = head + (md ? "\n\n" : " ──\n")
        if !m.reasoning.isEmpty {
            out += section("Reasoning", Self.prefixed(m.reasoning, md ? "> " : "  | ") + "\n", format)
        }
        if !m.text.isEmpty { out += m.text + (md ? "\n\n" : m.text.hasSuffix("\n") ? "" : "\n") }
        if !m.steps.isEmpty {
            out += section("Steps", m.steps.enumerated().map { step($1, number: $0 + 1, format) }.joined(), format)
        }
        if !m.citations.isEmpty {
            let items = m.citations.enumerated().map { citation($1, number: $0 + 1, format) }
            out += section("Citations", items.joined(), format)
        }
        if !m.files.isEmpty { out += section("Files", m.files.map { file($0, format) }.joined(), format) }
        if let usage = m.usage { out += field("Usage", Self.usage(usage), format) }
        if let metrics = timings[m.id] { out += field("Timing", Self.timing(metrics), format) }
        if md {
            if let error = m.error { out += field("Error", error.description, format) }
        } else if let ending = Self.ending(m) {
            out += ending + "\n"
        }
        return out
    }

    /// A titled list: `steps:` and its lines, or `**Steps**`, a blank line, its lines and a blank line.
    private func section(_ title: String, _ body: String, _ format: Format) -> String {
        format == .markdown ? "**\(title)**\n\n" + body + "\n" : title.lowercased() + ":\n" + body
    }

    /// A one-line fact: `usage: …`, or `**Usage**: …` and a blank line.
    private func field(_ label: String, _ value: String, _ format: Format) -> String {
        format == .markdown ? "**\(label)**: \(value)\n\n" : label.lowercased() + ": \(value)\n"
    }

    private func step(_ s: Step, number: Int, _ format: Format) -> String {
        guard format == .markdown else {
            var out = "  \(number). \(s.kind.rawValue) \(s.name) (\(s.status.rawValue))\n"
            if !s.thought.isEmpty { out += "     thought: " + Self.continued(s.thought) + "\n" }
            if !s.input.isEmpty { out += "     input:   " + Self.continued(s.input) + "\n" }
            if !s.output.isEmpty { out += "     output:  " + Self.continued(s.output) + "\n" }
            return out
        }
        var out = "\(number). \(s.kind.rawValue) **\(s.name)** (\(s.status.rawValue))\n"
        if !s.thought.isEmpty { out += "   \(s.thought)\n" }
        if !s.input.isEmpty { out += "\n   Input:\n\n" + Self.fenced(s.input, indent: "   ") }
        if !s.output.isEmpty { out += "\n   Output:\n\n" + Self.fenced(s.output, indent: "   ") }
        return out
    }

    /// The title, source, score and URL on one line, then the quoted content.
    private func citation(_ c: Citation, number: Int, _ format: Format) -> String {
        var line = format == .markdown ? "\(number). \(c.title)" : "  [\(number)] \(c.title)"
        if let source = c.source { line += " — \(source)" }
        if let score = c.score { line += String(format: " (score %.3f)", score) }
        if let url = c.url { line += " <\(url)>" }
        guard format == .markdown else { return line + "\n" + Self.prefixed(c.content, "      ") + "\n" }
        return line + "\n" + c.content.split(separator: "\n").map { "   > " + $0 }.joined(separator: "\n") + "\n"
    }

    private func file(_ f: Attachment, _ format: Format) -> String {
        let link = f.url.map { " <\($0)>" } ?? ""
        guard format == .markdown else { return "  \(f.type): \(f.name ?? f.id ?? "unnamed")\(link)\n" }
        return "- \(f.type): \(f.name ?? f.url ?? f.id ?? "unnamed")\(link)\n"
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

    /// `12 prompt, 34 completion, 46 total tokens, 0.0000495 USD, latency 1.25 s`; the price as sent.
    static func usage(_ u: Usage) -> String {
        var parts: [String] = []
        if let p = u.promptTokens { parts.append("\(p) prompt") }
        if let c = u.completionTokens { parts.append("\(c) completion") }
        if let t = u.totalTokens { parts.append("\(t) total tokens") }
        if let price = u.totalPrice {
            parts.append("\(price.description) \(u.currency ?? "")".trimmingCharacters(in: .whitespaces))
        }
        if let latency = u.latency { parts.append(String(format: "latency %.2f s", latency)) }
        return parts.joined(separator: ", ")
    }

    static func timing(_ m: RunMetrics) -> String {
        var parts: [String] = []
        if let t = m.timeToFirstByte { parts.append(String(format: "first byte %.3f s", t)) }
        if let t = m.timeToFirstToken { parts.append(String(format: "first token %.3f s", t)) }
        if let d = m.duration { parts.append(String(format: "total %.3f s", d)) }
        if let rate = m.tokensPerSecond { parts.append(String(format: "%.1f tokens/s", rate)) }
        parts.append("\(m.records) records, \(m.bytes) bytes")
        if m.stalls > 0 { parts.append(String(format: "%d stalls, largest gap %.1f s", m.stalls, m.largestGap)) }
        if m.largestSilence > RunMetrics.stallThreshold { parts.append(String(format: "silent for up to %.1f s", m.largestSilence)) }
        return parts.joined(separator: ", ")
    }

    /// A fenced code block whose fence is longer than any backtick run inside `text`, so model text that
    /// carries its own fences cannot close it.
    static func fenced(_ text: String, indent: String) -> String {
        var longest = 0
        var run = 0
        for c in text {
            run = c == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return "\(indent)\(fence)\n\(prefixed(text, indent))\n\(indent)\(fence)\n"
    }

    /// Every line of `text`, empty ones included, after `prefix`.
    private static func prefixed(_ text: String, _ prefix: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { prefix + $0 }.joined(separator: "\n")
    }

    /// Multi-line text after a label: later lines indented to line up under the first.
    private static func continued(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n              ")
    }

    /// `2026-01-01 09:41` in the renderer's zone.
    private func minute(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    /// `2026-01-01T09:41:09Z`.
    private static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
