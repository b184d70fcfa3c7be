import ChatModel
import Wire

/// Dify's chat, agent and chatflow stream: the type inside the JSON, `message_end` or `error` as the end, and
/// agent thoughts re-sent by id.
enum DifyRules {
    /// Event types Dify 0.x-1.12 sends to chat apps (and the workflow-only ones, which are still Dify's).
    static let knownEvents: Set<String> = [
        "message", "agent_message", "agent_thought", "message_file", "message_end", "message_replace",
        "tts_message", "tts_message_end", "error", "ping", "workflow_started", "node_started", "node_finished",
        "node_retry", "iteration_started", "iteration_next", "iteration_completed", "loop_started", "loop_next",
        "loop_completed", "agent_log", "workflow_finished", "text_chunk", "text_replace",
        "parallel_branch_started", "parallel_branch_finished", "workflow_paused", "human_input_required",
        "human_input_form_filled", "human_input_form_timeout",
    ]
    /// Events Dify documents after `message_end` (text-to-speech audio).
    static let allowedAfterEnd: Set<String> = ["tts_message", "tts_message_end"]

    static func check(_ stream: LintStream, _ findings: inout FindingCollector) {
        var end: String?
        var thoughts: [String: Int] = [:]
        for (record, event) in stream.events {
            if event.type != "message" {
                findings.add(
                    .unknownEvent, at: record,
                    "An SSE event named \"\(event.type)\"; Dify names its events inside the JSON.")
            }
            let json: JSONValue
            do {
                json = try JSONReader.parse(event.data)
            } catch {
                findings.add(.invalidJSON, at: record, "\(error) in \(FramingRules.preview(Array(event.dataBytes))).")
                continue
            }
            guard let type = json["event"]?.stringValue else {
                findings.add(.unknownEvent, at: record, "The JSON has no \"event\" key: \(FramingRules.preview(Array(event.dataBytes))).")
                continue
            }
            if let end, !allowedAfterEnd.contains(type) {
                findings.add(.afterEnd, at: record, "A \(type) event after \(end).")
            }
            if !knownEvents.contains(type) {
                findings.add(.unknownEvent, at: record, "An event of type \"\(type)\", which Dify does not define.")
            }
            switch type {
            case "message_end":
                end = end ?? "message_end"
            case "error":
                findings.add(.errorEvent, at: record, "An error event: \(json["message"]?.stringValue ?? "no message").")
                end = end ?? "the error event"
            case "agent_thought":
                let id = json["id"]?.stringValue ?? ""
                let seen = thoughts[id, default: 0]
                thoughts[id] = seen + 1
                if seen > 0 {
                    findings.add(.thoughtRepeated, at: record, "agent_thought \(id) is sent again (repeats count every re-send).")
                }
            default:
                break
            }
        }
        if end == nil {
            let last = stream.records.last
            findings.add(
                .endMissing, record: last?.index, offset: stream.body.count,
                "The stream ended with neither message_end nor an error event.")
        }
    }
}
