import ChatModel
import Foundation
import Store

/// The test-only mode behind the crash test: streams a reply into a store record by record until killed.
///
/// Each batch that reaches the file is announced on stdout as `flushed N` (N = records written so far), so a
/// test can kill the process at a known point and check that at least those N records survived.
enum WriteForever {
    /// A safety stop, so a process whose test died does not run on for ever.
    static let maximumSeconds = 120.0

    static func run(path: String) throws {
        let store = try SQLiteStore(path: path)
        let started = ProcessInfo.processInfo.systemUptime
        let now: @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime - started }
        let conversation = Conversation(id: "crash", title: "Crash test", provider: "openai", createdAt: Date())
        try store.save(conversation)
        try store.save(Message(id: "crash-user", role: .user, text: "Keep talking", createdAt: Date()), in: "crash")
        let reply = Message(id: "crash-reply", role: .assistant, status: .streaming, createdAt: Date())
        var log = RunLog(id: RunID("crash-run"), conversationID: "crash", reply: reply, recordLimit: 0)
        let writer = try store.startRun(
            id: log.id.value, conversationID: "crash", reply: reply,
            request: RunRequest(method: "POST", url: "http://127.0.0.1/v1/chat/completions"), startedAt: Date(),
            policy: RunWriter.Policy(maxRecords: 8, maxDelay: 0.05), now: now)
        var offset = 0
        var index = 0
        while now() < maximumSeconds {
            let bytes = Array("data: {\"i\":\(index)}\n\n".utf8)
            let record = RawRecord(
                kind: .event, offset: offset, receivedAt: now(), bytes: bytes, events: [.text("chunk\(index) ")])
            log.append(record)
            if try writer.append([record], folded: log) {
                FileHandle.standardOutput.write(Data("flushed \(writer.written.records)\n".utf8))
            }
            offset += bytes.count
            index += 1
            usleep(2_000)
        }
    }
}
