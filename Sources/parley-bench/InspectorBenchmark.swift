import ChatModel
import Foundation
import TerminalUI
import Workbench

/// What a frame of each inspector view costs on a big run: an agent reply of 100,000 records carrying 1,000
/// steps, whose tool outputs (and the records that carried them) are 100 KB each every tenth step. Each line
/// folds 100 more records and draws a frame, as the app does while the reply streams on.
struct InspectorBenchmark {
    static let records = 100_000
    static let steps = 1_000
    static let observation = String(repeating: "{\"row\": \"tool output ␛ with a control\"}, ", count: 2_500)

    func run() {
        print("Inspector (120x36; one reply of \(Self.records) records with \(Self.steps) steps, 100 KB outputs every 10th step):")
        let views: [(String, [Action], Bool)] = [
            ("Steps timeline", [.intent(.selectTab(.steps))], true),
            ("Citations", [.intent(.selectTab(.citations))], true),
            ("Usage", [.intent(.selectTab(.usage))], true),
            ("Raw", [.intent(.selectTab(.raw))], true),
            ("Raw, filtered by \"tool\"", [.intent(.selectTab(.raw)), .intent(.startRawFilter)]
                + "tool".map { .intent(.edit(.insert(String($0)))) }, true),
            ("Request", [.intent(.selectTab(.request))], true),
            ("Steps, a 100 KB step open", [.intent(.selectTab(.steps)), .intent(.moveSelection(-990)), .intent(.toggleStepExpanded)], false),
            ("Raw, 100 KB records in view", [.intent(.selectTab(.raw)), .intent(.moveSelection(-999))], false),
            ("Raw, a 100 KB record open", [.intent(.selectTab(.raw)), .intent(.moveSelection(-999)), .intent(.toggleRawExpanded)], false),
        ]
        for (name, actions, streaming) in views {
            let (p50, p95) = measure(actions, streaming: streaming)
            let what = streaming ? "fold 100 records + frame" : "frame                   "
            print("  \(name.padding(toLength: 30, withPad: " ", startingAt: 0)) \(what) p50 \(StoreBenchmark.ms(p50))   p95 \(StoreBenchmark.ms(p95))")
        }
    }

    /// Frames after `actions`; while `streaming`, each frame first folds 100 more records.
    private func measure(_ actions: [Action], streaming: Bool) -> (Double, Double) {
        let size = Size(columns: 120, rows: 36)
        var state = AppState(endpoint: "bench", size: size, recordWindow: 1_000)
        _ = reduce(&state, .event(.resized(size)))
        for character in "go" { _ = reduce(&state, .key(.character(character))) }
        guard case .startTurn(let turn, _, _)? = reduce(&state, .key(.enter)).first else { return (0, 0) }
        _ = reduce(&state, .intent(.focus(.inspector)))
        var next = 0
        func batch(_ count: Int) -> [RawRecord] {
            (0..<count).map { _ in
                defer { next += 1 }
                return record(next)
            }
        }
        while next < Self.records {
            _ = reduce(&state, .event(.runRecords(runID: turn, batch(min(1_000, Self.records - next)))))
        }
        for action in actions {
            for effect in reduce(&state, action) {
                if case .loadRequest(let runID) = effect {
                    _ = reduce(&state, .event(.requestLoaded(runID: runID, request(runID))))
                }
            }
        }
        _ = Screen.render(state, size: size)
        var samples: [Double] = []
        for _ in 0..<100 {
            let records = streaming ? batch(100) : []
            let start = StoreBenchmark.now()
            if streaming { _ = reduce(&state, .event(.runRecords(runID: turn, records))) }
            _ = Screen.render(state, size: size)
            samples.append(StoreBenchmark.now() - start)
        }
        return (StoreBenchmark.percentile(samples, 0.5), StoreBenchmark.percentile(samples, 0.95))
    }

    /// Record `n`: a step finishing every 100th record (with a 100 KB output every 10th step), else a text delta.
    private func record(_ n: Int) -> RawRecord {
        let time = Double(n) / 1_000
        guard n.isMultiple(of: Self.records / Self.steps) else {
            return RawRecord(kind: .event, offset: n * 120, receivedAt: time,
                             bytes: Array("data: {\"event\":\"agent_message\",\"answer\":\"w\(n) \"}\n\n".utf8),
                             events: [.text("w\(n) ")])
        }
        let index = n / (Self.records / Self.steps)
        let output = index.isMultiple(of: 10) ? Self.observation : "{\"ok\": true}"
        let step = Step(id: "s\(index)", kind: .agentThought, name: "tool\(index)", input: "{\"query\": \"q\(index)\"}",
                        output: output, status: .completed, label: "Tool \(index)")
        let json = "{\"event\":\"agent_thought\",\"id\":\"s\(index)\",\"observation\":\"\(output.replacingOccurrences(of: "\"", with: "\\\""))\"}"
        return RawRecord(kind: .event, offset: n * 120, receivedAt: time, bytes: Array("data: \(json)\n\n".utf8),
                         events: [.step(step), .citations([Citation(title: "doc \(index)", content: output)])])
    }

    private func request(_ runID: String) -> InspectedRequest {
        InspectedRequest(runID: runID, method: "POST", url: "https://dify.example.com/v1/chat-messages",
                         headers: [HTTPHeader("Authorization", "Bearer [redacted]")],
                         body: Array("{\"query\":\"go\",\"response_mode\":\"streaming\"}".utf8), responseStatus: 200)
    }
}
