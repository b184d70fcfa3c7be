import ChatModel
import TerminalUI
import Workbench

/// An agent conversation of two turns: the first reply called a tool (with JSON input and output), cited a
/// document and reported usage; the second is plain text. Built through `reduce` like the app builds it.
enum AgentScenes {
    static let runOne = "t4"

    static func twoTurns(size: Size = Size(columns: 120, rows: 36)) -> AppState {
        var state = Scenes.empty(size: size)
        let first = Scenes.sending("What time is it in Paris?", size: size, into: &state)
        _ = reduce(&state, .event(.runRecords(runID: first, agentRecords())))
        _ = reduce(&state, .event(.runEnded(runID: first)))
        let second = Scenes.sending("And in Tokyo?", size: size, into: &state)
        var records = Scenes.textRecords(["In Tokyo it is ", "20:15."])
        records.append(Scenes.doneRecord(at: 0.3, offset: 400))
        _ = reduce(&state, .event(.runRecords(runID: second, records)))
        _ = reduce(&state, .event(.runEnded(runID: second)))
        return state
    }

    static func record(_ name: String, _ json: String, at time: Double, offset: Int, _ events: [StreamEvent]) -> RawRecord {
        RawRecord(kind: .event, offset: offset, receivedAt: time, bytes: Array("event: \(name)\ndata: \(json)\n\n".utf8),
                  eventName: name, events: events)
    }

    static func agentRecords() -> [RawRecord] {
        let running = Step(id: "th-1", kind: .agentThought, name: "current_time", input: #"{"timezone": "Europe/Paris"}"#,
                           status: .running, label: "Current Time")
        var done = running
        done.status = .completed
        done.output = #"{"time": "13:15", "timezone": "Europe/Paris", "dst": false}"#
        done.thought = "I should look up the time."
        let citation = Citation(title: "Time zones of Europe", content: "Paris is on Central European Time.")
        let usage = Usage(promptTokens: 120, completionTokens: 30, totalTokens: 150)
        var records: [RawRecord] = []
        var offset = 0
        func add(_ name: String, _ json: String, _ time: Double, _ events: [StreamEvent]) {
            let r = record(name, json, at: time, offset: offset, events)
            offset += r.bytes.count
            records.append(r)
        }
        add("agent_thought", #"{"event":"agent_thought","task_id":"task-9f2","conversation_id":"conv-71","id":"th-1","tool":"current_time","tool_input":"{\"timezone\": \"Europe/Paris\"}"}"#,
            0.12, [.opened(conversationID: "conv-71", messageID: "msg-5a"), .step(running)])
        add("agent_thought", #"{"event":"agent_thought","task_id":"task-9f2","id":"th-1","observation":"{\"time\": \"13:15\"}"}"#,
            0.93, [.step(done)])
        add("ping", "", 1.4, [.keepAlive])
        add("agent_message", #"{"event":"agent_message","task_id":"task-9f2","answer":"It is 13:15 "}"#, 1.52, [.text("It is 13:15 ")])
        add("agent_message", #"{"event":"agent_message","task_id":"task-9f2","answer":"in Paris."}"#, 1.55, [.text("in Paris.")])
        add("message_end", #"{"event":"message_end","task_id":"task-9f2","metadata":{"usage":{"prompt_tokens":120}}}"#, 1.6,
            [.citations([citation]), .usage(usage), .finished(reason: nil)])
        return records
    }

    static let request = InspectedRequest(
        runID: runOne, method: "POST", url: "https://dify.example.com/v1/chat-messages",
        headers: [HTTPHeader("Authorization", "Bearer [redacted]"), HTTPHeader("Content-Type", "application/json"),
                  HTTPHeader("Accept", "text/event-stream")],
        body: Array(#"{"inputs":{},"query":"What time is it in Paris?","response_mode":"streaming","user":"parley"}"#.utf8),
        responseStatus: 200,
        responseHeaders: [HTTPHeader("Content-Type", "text/event-stream"), HTTPHeader("Set-Cookie", "[redacted]")],
        responseAt: 0.081)
}
