import ChatModel
import Providers
import Sessions
import TestSupport
import Wire

/// Sends real provider requests to the fixture server over libcurl and reads the answers as Parley does.
///
/// Turns go through `RunStarter`, the path `parley send` takes, so session opening (Big Hummingbird) and
/// stop requests (Dify) happen for real.
struct ProviderExchange {
    /// What one turn produced: every request sent, the response heads, and the records with their events.
    struct Turn {
        var requests: [HTTPRequest] = []
        var heads: [HTTPResponseHead] = []
        var records: [RawRecord] = []

        var events: [StreamEvent] { records.flatMap(\.events) }
    }

    let transport = CurlTransport()

    /// Runs one turn to its end; `onRecords` sees each batch and may cancel the run.
    func turn(
        _ provider: any ChatProvider, prompt: String, conversation: String? = nil, stream: Bool = true,
        stopGrace: Double = 3, onRecords: ([RawRecord], RunHandle) -> Void = { _, _ in }
    ) async -> Turn {
        let runner = RunStarter(
            provider: provider, transport: transport, options: TransportOptions(connectTimeout: 5, idleTimeout: 10),
            stopGrace: stopGrace)
        let turn = TurnRequest(
            messages: [ChatMessage(role: .user, content: prompt)], remoteConversationID: conversation, stream: stream)
        let run = runner.start(turn)
        var result = Turn()
        for await update in run.updates {
            switch update {
            case .request(let request): result.requests.append(request)
            case .head(let head, _): result.heads.append(head)
            case .records(let records):
                result.records += records
                onRecords(records, run)
            }
        }
        return result
    }

    /// Sends one companion request and returns the status and whole body.
    func call(_ request: HTTPRequest) async -> (status: Int, body: [UInt8]) {
        let response = await CollectedResponse.collect(
            transport.start(request, options: TransportOptions(connectTimeout: 5, idleTimeout: 10)))
        return (response.head?.status ?? 0, response.body)
    }
}

extension Array where Element == StreamEvent {
    /// The answer text: the text deltas joined.
    var text: String {
        reduce(into: "") { text, event in if case .text(let piece) = event { text += piece } }
    }

    /// The reasoning deltas joined.
    var reasoning: String {
        reduce(into: "") { text, event in if case .reasoning(let piece) = event { text += piece } }
    }

    /// Each step as it last stood, in the order steps first appeared.
    var finalSteps: [Step] {
        var order: [String] = []
        var latest: [String: Step] = [:]
        for case .step(let step) in self {
            if latest[step.id] == nil { order.append(step.id) }
            latest[step.id] = step
        }
        return order.compactMap { latest[$0] }
    }

    var citations: [Citation] { flatMap { event -> [Citation] in if case .citations(let list) = event { return list } else { return [] } } }
    var files: [Attachment] { compactMap { if case .file(let file) = $0 { return file } else { return nil } } }
    var usage: Usage? { compactMap { if case .usage(let usage) = $0 { return usage } else { return nil } }.last }
    var opened: String? { compactMap { if case .opened(let id, _) = $0 { return id } else { return nil } }.first }
    var terminal: StreamEvent? { last(where: \.isTerminal) }
    var failure: ProviderError? { if case .failed(let error)? = terminal { return error } else { return nil } }
    var keepAlives: Int { filter { $0 == .keepAlive }.count }
}
