import ChatModel
import Foundation

/// How one provider kind is reached through the fault server and what its normal reply looks like on the wire.
///
/// The fault table sends every provider the same reply text, cut or broken in the same places, so the rows
/// of one fault compare the kinds' handling of it and not their fixtures.
struct FaultProvider {
    var kind: String
    /// The path after the server root that `parley send` posts the turn to.
    var route: String
    /// What follows the server root in `--base-url`.
    var basePath: String
    /// Extra `parley send` arguments the kind needs (an agent id, the header that carries the key).
    var arguments: [String]
    /// False for a kind that answers with one blocking JSON document (Big Hummingbird).
    var streams: Bool

    static let all: [FaultProvider] = [
        FaultProvider(kind: "openai", route: "/v1/chat/completions", basePath: "/v1", arguments: ["--model", "m"], streams: true),
        FaultProvider(kind: "dify", route: "/v1/chat-messages", basePath: "/v1", arguments: [], streams: true),
        FaultProvider(kind: "helix", route: "/api/v1/sessions/chat", basePath: "", arguments: [], streams: true),
        FaultProvider(
            kind: "hummingbird", route: "/bh/invoke", basePath: "/bh", arguments: ["-o", "auth_header_name=X-Bird-Key"],
            streams: false),
        FaultProvider(
            kind: "pais", route: "/api/v1/compatibility/openai/v1/*/*/chat/completions", basePath: "",
            arguments: ["-o", "agent_id=fault-agent"], streams: true),
    ]

    /// The route with its `*` segments filled in, as the kind really asks for it.
    var concreteRoute: String { route.replacingOccurrences(of: "*/*", with: "assistants/fault-agent") }

    /// One SSE event (with its blank line) that carries `text` as an answer delta.
    func delta(_ text: String) -> String {
        let escaped = JSONValue.escape(text)
        switch kind {
        case "dify":
            return #"data: {"event":"message","conversation_id":"c-fault","message_id":"m-fault","task_id":"t-fault","#
                + #""answer":"\#(escaped)","created_at":1767225900}"# + "\n\n"
        default:
            return #"data: {"id":"\#(chunkID)","object":"chat.completion.chunk","created":1767225900,"model":"m","#
                + #""choices":[{"index":0,"delta":{"content":"\#(escaped)"},"finish_reason":null}]}"# + "\n\n"
        }
    }

    /// The events that end a turn normally: a finish reason and `[DONE]`, or Dify's `message_end`.
    var end: String {
        switch kind {
        case "dify":
            return #"data: {"event":"message_end","conversation_id":"c-fault","message_id":"m-fault","#
                + #""task_id":"t-fault","metadata":{}}"# + "\n\n"
        default:
            return #"data: {"id":"\#(chunkID)","object":"chat.completion.chunk","created":1767225900,"model":"m","#
                + #""choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"# + "\n\ndata: [DONE]\n\n"
        }
    }

    /// A whole blocking reply carrying `text` (Big Hummingbird's `{"message": ...}`).
    func document(_ text: String) -> String {
        #"{"message":"\#(JSONValue.escape(text))"}"#
    }

    /// An error body in the shape the kind's servers use, for an HTTP error status.
    func errorJSON(status: Int) -> String {
        let message = "fault table: this server answers \(status)"
        switch kind {
        case "dify": return #"{"code":"fault_\#(status)","message":"\#(message)","status":\#(status)}"#
        case "hummingbird": return #"{"detail":"\#(message)"}"#
        default: return #"{"error":{"message":"\#(message)","type":"fault","code":"fault_\#(status)"}}"#
        }
    }

    /// Helix takes its session id from the chunk id; the others ignore it.
    private var chunkID: String { kind == "helix" ? "ses_fault" : "chatcmpl-fault" }
}
