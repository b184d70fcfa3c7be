import ChatModel

/// Maps Dify's usage, retriever resources, files and agent thoughts to the normalized types.
///
/// Shared by the stream decoder, the blocking reply and the message history, which carry the same objects.
enum DifyMapping {
    /// `metadata.usage`: token counts, the total price kept exact (prices arrive as strings), latency.
    static func usage(_ usage: JSONObject) -> Usage {
        Usage(
            promptTokens: usage.int("prompt_tokens"), completionTokens: usage.int("completion_tokens"),
            totalTokens: usage.int("total_tokens"), totalPrice: usage.price("total_price"),
            currency: usage.string("currency"), latency: usage.double("latency"), pricing: Pricing(fields: usage.price))
    }

    /// One `retriever_resources` item; every field besides the passage is kept in `metadata`.
    static func citation(_ resource: JSONObject) -> Citation {
        var details: [String: String] = [:]
        for key in resource.keys where key != "content" {
            if let value = resource.text(key) { details[key] = value }
        }
        let title = resource.string("document_name") ?? resource.string("title") ?? "document"
        return Citation(
            id: resource.string("segment_id") ?? resource.string("id"), position: resource.int("position"),
            title: title, source: resource.string("dataset_name"), content: resource.string("content") ?? "",
            score: resource.double("score"), metadata: details.isEmpty ? nil : details)
    }

    /// A `message_file` event, a history `message_files` item or a chatflow file mapping.
    static func attachment(_ file: JSONObject) -> Attachment {
        Attachment(
            id: file.string("id"), type: file.string("type") ?? "file",
            url: file.string("url") ?? file.string("remote_url"), name: file.string("filename"),
            belongsTo: file.string("belongs_to"))
    }

    /// An `agent_thought` (stream) or `agent_thoughts` item (history) as an agent step.
    ///
    /// A thought is complete once its tool answered (`observation`), or when it names no tool but has its
    /// text; until then it is running.
    static func thought(_ thought: JSONObject, filesKey: String) -> Step {
        let tool = thought.string("tool") ?? ""
        let text = thought.string("thought") ?? ""
        let observation = thought.text("observation") ?? ""
        let done = !observation.isEmpty || (tool.isEmpty && !text.isEmpty)
        let files = thought.values(filesKey).compactMap { item -> String? in
            item.stringValue ?? item.objectMembers.flatMap { JSONObject($0).string("id") }
        }
        return Step(
            id: thought.string("id") ?? "thought-\(thought.int("position") ?? 0)", kind: .agentThought,
            name: tool.isEmpty ? "thought \(thought.int("position") ?? 0)" : tool,
            input: thought.text("tool_input") ?? "", output: observation, status: done ? .completed : .running,
            thought: text, label: toolLabel(tool: tool, labels: thought.object("tool_labels")),
            fileIDs: files.isEmpty ? nil : files)
    }

    /// The English labels of the `;`-joined tools, when the server sent any.
    private static func toolLabel(tool: String, labels: JSONObject?) -> String? {
        guard let labels, !tool.isEmpty else { return nil }
        let names = tool.split(separator: ";").map { name -> String? in
            let key = String(name)
            return labels.object(key)?.string("en_US") ?? labels.string(key)
        }
        let found = names.compactMap { $0 }
        return found.isEmpty ? nil : found.joined(separator: ", ")
    }
}
