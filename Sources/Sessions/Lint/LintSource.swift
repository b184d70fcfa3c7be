import ChatModel
import Foundation
import Store
import StreamTools
import Wire

/// Builds what `parley lint` checks from what the user named: a file (a Parley recording, a bare body, a
/// `curl -i` capture) or a stored conversation, message or run.
public enum LintSource {
    /// One stream to lint, with a label saying which.
    public struct Target: Sendable {
        public var label: String
        public var input: LintInput

        public init(label: String, input: LintInput) {
            self.label = label
            self.input = input
        }
    }

    /// A file's bytes as one lint input. A recording keeps its timing and request; a bare body has no head,
    /// so the content-type rule cannot apply.
    public static func file(_ bytes: [UInt8], name: String, provider: String?) throws -> Target {
        if ReplaySource.isRecording(bytes) {
            let recording = try RecordingReader.parse(String(decoding: bytes, as: UTF8.self), name: name)
            return Target(label: name, input: input(recording, provider: provider))
        }
        let response = try RecordedResponse.parse(bytes)
        let head = response.hadHead ? LintInput.Head(status: response.head.status, headers: response.head.headers) : nil
        return Target(label: name, input: LintInput(provider: provider, head: head, body: response.body))
    }

    /// The runs a stored id names, each as a lint input with its timing, request and the conversation's
    /// provider kind (unless `provider` overrides it).
    public static func stored(_ store: SQLiteStore, id: String, provider: String?) throws -> [Target] {
        let (_, runs) = try store.storedRuns(matching: id)
        return runs.map { context in
            var input = input(Recording(run: context.run), provider: provider ?? context.conversation.provider)
            input.requestBody = context.run.request.body
            let label = "run \(context.run.id) (reply \(context.reply.id), \(context.conversation.provider))"
            return Target(label: label, input: input)
        }
    }

    private static func input(_ recording: Recording, provider: String?) -> LintInput {
        LintInput(
            provider: provider,
            head: recording.response.map { LintInput.Head(status: $0.status, headers: $0.headers) },
            pieces: recording.chunks.map { LintInput.Piece(time: $0.t, bytes: $0.bytes) },
            timed: true, requestBody: recording.request.body.isEmpty ? nil : recording.request.body)
    }
}
