import ChatModel
import Foundation
import Providers
import Sessions
import Store
import Workbench

/// Makes replay tapes: from a file `parley replay` read, decoded by a provider's adapter as live, or from a
/// stored run, whose records carry the events they made when they arrived.
public enum ReplayTapes {
    /// What `parley replay` plays, and how.
    public struct Options: Sendable {
        public var speed: Double
        public var maxGap: Double
        public var paused: Bool

        public init(speed: Double = 1, maxGap: Double = ReplayPacing.defaultMaxGap, paused: Bool = false) {
            self.speed = speed
            self.maxGap = maxGap
            self.paused = paused
        }
    }

    /// A file's response decoded as `kind`: each piece fed to a `ResponseReader` at its arrival time, as the
    /// transport fed it live, so the records (and their events) are the ones the screen had.
    public static func file(_ source: ReplaySource, name: String, kind: String, options: Options) throws -> ReplayTape {
        var reader = ResponseReader(decoder: try ProviderCatalog.decoder(for: kind), limits: .unlimited)
        if let head = source.head { reader.begin(head) }
        var records: [RawRecord] = []
        for chunk in source.recording.chunks { records += reader.feed(chunk.bytes, at: chunk.t) }
        records += reader.finish(at: source.duration)
        let recording = source.recording
        let prompt = ClientTurn(kind: kind, body: recording.request.body).prompt
        let runID = recording.runID ?? "replay"
        let request = recording.request.url.isEmpty ? nil : InspectedRequest(
            runID: runID, method: recording.request.method, url: recording.request.url,
            headers: recording.request.headers, body: recording.request.body, responseStatus: recording.response?.status,
            responseHeaders: recording.response?.headers ?? [], responseAt: recording.response?.receivedAt)
        let file = URL(fileURLWithPath: name).lastPathComponent
        return ReplayTape(
            source: .file(name), title: "Replay: " + (name == "-" ? "standard input" : file), provider: kind,
            prompt: prompt.isEmpty ? nil : prompt, runID: runID, records: records, status: recording.response?.status,
            headAt: recording.response?.receivedAt, request: request, isTimed: source.isTimed, speed: options.speed,
            maxGap: options.maxGap, startsPaused: options.paused)
    }

    /// A stored run of reply `messageID`, every record in order; the prompt comes from the conversation.
    static func stored(_ run: StoredRun, messageID: String) -> ReplayTape {
        ReplayTape(
            source: .reply(messageID: messageID), title: "Replay", provider: "", runID: run.id, records: run.records,
            status: run.response?.status, headAt: run.response?.receivedAt)
    }
}
