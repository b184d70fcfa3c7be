import ChatModel

/// Puts streamed tool-call fragments back together by index (arguments are concatenated).
///
/// Every fragment is passed on as a `toolCallDelta`; the first fragment of a call also opens a running
/// step, and `finishAll` closes each open call as one completed `tool_call` step with its full arguments.
struct ToolCallAssembler: Sendable {
    private struct Call: Sendable {
        var id: String
        var name: String
        var arguments: String
        var finished: Bool
    }

    private var calls: [Int: Call] = [:]
    private var order: [Int] = []

    mutating func add(_ fragment: JSONObject) -> [StreamEvent] {
        let index = fragment.int("index") ?? order.last ?? 0
        let function = fragment.object("function")
        return add(index: index, id: fragment.string("id"), name: function?.string("name"),
                   arguments: function?.string("arguments") ?? "")
    }

    /// The legacy `delta.function_call`, which has no index: one call at slot 0.
    mutating func addLegacy(_ function: JSONObject) -> [StreamEvent] {
        add(index: 0, id: nil, name: function.string("name"), arguments: function.string("arguments") ?? "")
    }

    mutating func finishAll() -> [StreamEvent] {
        var events: [StreamEvent] = []
        for index in order where calls[index]?.finished == false {
            calls[index]?.finished = true
            if let call = calls[index] {
                events.append(.step(Step(id: call.id, kind: .toolCall, name: call.name, input: call.arguments, status: .completed)))
            }
        }
        return events
    }

    private mutating func add(index: Int, id: String?, name: String?, arguments: String) -> [StreamEvent] {
        var events: [StreamEvent] = [
            .toolCallDelta(ToolCallDelta(index: index, id: id, name: name, argumentsFragment: arguments)),
        ]
        if var call = calls[index], !call.finished {
            call.arguments += arguments
            if let name, !name.isEmpty, call.name.isEmpty { call.name = name }
            calls[index] = call
        } else {
            let call = Call(id: id ?? "call-\(index)", name: name ?? "", arguments: arguments, finished: false)
            calls[index] = call
            if !order.contains(index) { order.append(index) }
            events.append(.step(Step(id: call.id, kind: .toolCall, name: call.name, input: "", status: .running)))
        }
        return events
    }
}
