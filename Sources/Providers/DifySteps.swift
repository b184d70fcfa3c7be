import ChatModel

/// Dify's agent thoughts and chatflow events as steps, merged by id as they fill in.
///
/// Dify re-sends a step with the same id as it progresses, and some of those events (`iteration_next`,
/// `node_retry`) carry fewer fields than the one before; merging keeps what is known so each `step` event is
/// the whole step as it now stands.
struct DifySteps: Sendable {
    private var steps: [String: Step] = [:]
    private var order: [String] = []

    /// Merges a step into what is known and returns the step as it now stands.
    mutating func upsert(_ new: Step) -> StreamEvent {
        guard let old = steps[new.id] else {
            steps[new.id] = new
            order.append(new.id)
            return .step(new)
        }
        var merged = new
        if merged.name.isEmpty { merged.name = old.name }
        if merged.input.isEmpty { merged.input = old.input }
        if merged.output.isEmpty { merged.output = old.output }
        if merged.thought.isEmpty { merged.thought = old.thought }
        merged.label = merged.label ?? old.label
        merged.fileIDs = merged.fileIDs ?? old.fileIDs
        steps[new.id] = merged
        return .step(merged)
    }

    /// Closes every step still running, in the order they first appeared.
    mutating func closeRunning(as status: Step.Status) -> [StreamEvent] {
        var events: [StreamEvent] = []
        for id in order where steps[id]?.status == .running {
            steps[id]?.status = status
            if let step = steps[id] { events.append(.step(step)) }
        }
        return events
    }

    /// A chatflow event's `data` as a step, or `nil` for events that are not steps.
    static func workflowStep(event: String, data: JSONObject, runID: String?) -> Step? {
        let id = data.string("id") ?? runID ?? event
        let name = data.string("title") ?? data.string("node_id") ?? ""
        let label = data.string("node_type")
        switch event {
        case "workflow_started":
            return Step(id: id, kind: .workflow, name: "workflow", input: data.text("inputs") ?? "")
        case "workflow_finished":
            return Step(
                id: id, kind: .workflow, name: "workflow", output: outcome(data),
                status: status(data.string("status")))
        case "node_started", "iteration_started", "loop_started":
            return Step(id: id, kind: .node, name: name, input: data.text("inputs") ?? "", label: label)
        case "iteration_next", "loop_next":
            return Step(id: id, kind: .node, name: name, label: label)
        case "node_finished", "iteration_completed", "loop_completed":
            return Step(
                id: id, kind: .node, name: name, input: data.text("inputs") ?? "", output: outcome(data),
                status: status(data.string("status")), label: label)
        case "node_retry":
            return Step(
                id: id, kind: .node, name: name, input: data.text("inputs") ?? "", output: outcome(data),
                status: .running, label: label)
        case "agent_log":
            return Step(
                id: id, kind: .other, name: data.string("label") ?? "agent log", output: data.text("data") ?? "",
                status: status(data.string("status")), label: "agent_log")
        case "parallel_branch_started", "parallel_branch_finished":
            let branch = data.string("parallel_start_node_id") ?? ""
            return Step(
                id: "parallel:\(data.string("parallel_id") ?? ""):\(branch)", kind: .other,
                name: "parallel branch \(branch)", output: data.string("error") ?? "",
                status: event.hasSuffix("started") ? .running : status(data.string("status")), label: "parallel")
        default:
            return nil
        }
    }

    /// Outputs, or the error text when the step failed without outputs.
    private static func outcome(_ data: JSONObject) -> String {
        let outputs = data.text("outputs") ?? ""
        let error = data.string("error") ?? ""
        return outputs.isEmpty || outputs == "{}" ? (error.isEmpty ? outputs : error) : outputs
    }

    static func status(_ text: String?) -> Step.Status {
        switch text {
        case "succeeded", "partial-succeeded", "success", "completed": return .completed
        case "failed", "exception", "error": return .failed
        case "stopped": return .stopped
        default: return .running
        }
    }
}
