import ChatModel
import Foundation

/// Reads recording files and delivers their bytes again with the original timing.
public enum RecordingReader {
    /// Reads a recording file, with errors that name the file and line.
    public static func read(path: String) throws -> Recording {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StoreError(kind: .badRecording, message: "Cannot read the recording \(path): no such readable file.")
        }
        return try parse(String(decoding: data, as: UTF8.self), name: path)
    }

    /// Parses recording text (JSON lines).
    public static func parse(_ text: String, name: String = "recording") throws -> Recording {
        var lines = text.split(whereSeparator: \.isNewline).enumerated().filter {
            !$0.element.allSatisfy(\.isWhitespace)
        }.makeIterator()
        guard let first = lines.next() else {
            throw StoreError(kind: .badRecording, message: "\(name) is empty; it is not a Parley recording.")
        }
        let header: (format: String, version: Int, recording: Recording)
        do {
            header = try RecordingLines.header(from: first.element)
        } catch {
            throw StoreError(kind: .badRecording, message: "\(name) line 1 is not a Parley recording header: \(error)")
        }
        guard header.format == RecordingLines.format else {
            throw StoreError(kind: .badRecording, message: "\(name) is a \(header.format) file, not a Parley recording.")
        }
        guard header.version <= RecordingLines.version else {
            throw StoreError(
                kind: .badRecording,
                message: "\(name) is recording format version \(header.version); this Parley reads up to "
                    + "\(RecordingLines.version). Upgrade Parley to replay it.")
        }
        var recording = header.recording
        while let line = lines.next() {
            do {
                recording.chunks.append(try RecordingLines.chunk(from: line.element))
            } catch {
                throw StoreError(kind: .badRecording, message: "\(name) line \(line.offset + 1) is not a record: \(error)")
            }
        }
        return recording
    }

    /// Delivers each chunk when its time comes, measured from the start of the replay.
    ///
    /// `now` and `sleep` are injected so tests run on a virtual clock; `speed` 2 plays twice as fast, and a
    /// speed of zero or less delivers everything at once. No wait between two chunks is longer than `maxGap`
    /// seconds (`ReplayPacing` says which were shortened).
    public static func replay(
        _ recording: Recording, speed: Double = 1, maxGap: Double = ReplayPacing.defaultMaxGap,
        now: @escaping @Sendable () -> Double, sleep: @escaping @Sendable (Double) async throws -> Void
    ) -> AsyncThrowingStream<Recording.Chunk, any Error> {
        let deadlines = speed > 0 ? ReplayPacing(times: recording.chunks.map(\.t), speed: speed, maxGap: maxGap).deadlines : []
        return AsyncThrowingStream { continuation in
            let task = Task {
                let start = now()
                do {
                    for (index, chunk) in recording.chunks.enumerated() {
                        if index < deadlines.count {
                            let wait = deadlines[index] - (now() - start)
                            if wait > 0 { try await sleep(wait) }
                        }
                        try Task.checkCancellation()
                        continuation.yield(chunk)
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

extension SQLiteStore {
    /// The recordings of every run in a conversation, oldest first, keyed by run id.
    public func recordings(conversation id: String) throws -> [(runID: String, recording: Recording)] {
        guard let (_, messages) = try transcript(id: id) else {
            throw StoreError(kind: .notFound, message: "There is no conversation with id \(id).")
        }
        return try messages.flatMap { try runs(forMessage: $0.id) }.map { ($0.id, Recording(run: $0)) }
    }
}
