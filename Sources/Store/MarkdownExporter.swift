import ChatModel
import Foundation

/// Renders one conversation as Markdown a person can read: title, messages, reasoning, steps, citations, usage.
///
/// Text from the model is put in fences long enough that its own backticks cannot close them.
struct MarkdownExporter {
    var conversation: Conversation
    var messages: [Message]
    /// The latest run of each reply, for its timing line.
    var runs: [String: StoredRun]

    func render() -> String {
        var out = "# \(conversation.title.isEmpty ? "Untitled conversation" : conversation.title)\n\n"
        var facts = ["Provider: \(conversation.provider)"]
        if let profile = conversation.profile { facts.append("profile \(profile)") }
        if let remote = conversation.remoteID { facts.append("remote id `\(remote)`") }
        out += "- " + facts.joined(separator: ", ") + "\n"
        out += "- Created \(Self.date(conversation.createdAt)), updated \(Self.date(conversation.updatedAt))\n"
        if conversation.pinned || conversation.archived {
            out += "- " + [conversation.pinned ? "Pinned" : nil, conversation.archived ? "Archived" : nil]
                .compactMap { $0 }.joined(separator: ", ") + "\n"
        }
        for message in messages { out += "\n" + render(message) }
        return out
    }

    private func render(_ m: Message) -> String {
        var out = "## \(m.role.rawValue.capitalized) · \(Self.date(m.createdAt))"
        if m.status != .complete { out += " · \(m.status.rawValue)" }
        out += "\n\n"
        if !m.reasoning.isEmpty {
            out += "**Reasoning**\n\n" + m.reasoning.split(separator: "\n", omittingEmptySubsequences: false)
                .map { "> " + $0 }.joined(separator: "\n") + "\n\n"
        }
        if !m.text.isEmpty { out += m.text + "\n\n" }
        if !m.steps.isEmpty {
            out += "**Steps**\n\n"
            for (i, s) in m.steps.enumerated() {
                out += "\(i + 1). \(s.kind.rawValue) **\(s.name)** (\(s.status.rawValue))\n"
                if !s.thought.isEmpty { out += "   \(s.thought)\n" }
                if !s.input.isEmpty { out += "\n   Input:\n\n" + Self.fenced(s.input, indent: "   ") }
                if !s.output.isEmpty { out += "\n   Output:\n\n" + Self.fenced(s.output, indent: "   ") }
            }
            out += "\n"
        }
        if !m.citations.isEmpty {
            out += "**Citations**\n\n"
            for (i, c) in m.citations.enumerated() {
                var head = "\(i + 1). \(c.title)"
                if let source = c.source { head += " — \(source)" }
                if let score = c.score { head += String(format: " (score %.3f)", score) }
                if let url = c.url { head += " <\(url)>" }
                out += head + "\n" + c.content.split(separator: "\n").map { "   > " + $0 }.joined(separator: "\n") + "\n"
            }
            out += "\n"
        }
        if !m.files.isEmpty {
            out += "**Files**\n\n"
            for f in m.files { out += "- \(f.type): \(f.name ?? f.url ?? f.id ?? "unnamed")\(f.url.map { " <\($0)>" } ?? "")\n" }
            out += "\n"
        }
        if let usage = m.usage { out += "**Usage**: \(Self.usage(usage))\n\n" }
        if let run = runs[m.id] { out += "**Timing**: \(Self.timing(run.metrics))\n\n" }
        if let error = m.error { out += "**Error**: \(error.description)\n\n" }
        return out
    }

    static func usage(_ u: Usage) -> String {
        var parts: [String] = []
        if let p = u.promptTokens { parts.append("\(p) prompt") }
        if let c = u.completionTokens { parts.append("\(c) completion") }
        if let t = u.totalTokens { parts.append("\(t) total tokens") }
        if let price = u.totalPrice { parts.append("\(RecordMapping.priceText(price)) \(u.currency ?? "")".trimmingCharacters(in: .whitespaces)) }
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
        return parts.joined(separator: ", ")
    }

    /// A fenced code block whose fence is longer than any backtick run inside `text`.
    static func fenced(_ text: String, indent: String) -> String {
        var longest = 0
        var run = 0
        for c in text {
            run = c == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        let body = text.split(separator: "\n", omittingEmptySubsequences: false).map { indent + $0 }.joined(separator: "\n")
        return "\(indent)\(fence)\n\(body)\n\(indent)\(fence)\n"
    }

    static func date(_ d: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: d)
    }
}

extension SQLiteStore {
    /// The conversation as readable Markdown.
    public func exportMarkdown(conversation id: String) throws -> String {
        guard let (conversation, messages) = try transcript(id: id) else {
            throw StoreError(kind: .notFound, message: "There is no conversation with id \(id).")
        }
        var runs: [String: StoredRun] = [:]
        for message in messages where message.role == .assistant {
            runs[message.id] = try self.runs(forMessage: message.id).last
        }
        return MarkdownExporter(conversation: conversation, messages: messages, runs: runs).render()
    }
}
