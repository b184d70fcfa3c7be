import ChatModel
import Foundation
import StreamTools
import TerminalUI
import Workbench

/// What the Lint tab costs while a long reply streams with it shown: the screen thread's share (fold 100
/// records, hand the new ones to the worker, take in its findings, draw a frame) should not grow with the
/// reply; the worker's share (lint the whole run again) does, off the screen thread, one request at a time.
///
/// Each size is measured twice: with the worker's findings ready (the screen thread's share alone, as when
/// the worker runs on the other core), and with the worker's lint run on this thread between frames, which
/// leaves the caches cold for the next frame.
struct LintBenchmark {
    func run() {
        print("Lint tab shown while one reply streams (120x36; CRLF records, so each lint has findings):")
        for chunks in [1_000, 10_000, 100_000] {
            let ready = measure(chunks: chunks, lintBetweenFrames: false)
            let result = measure(chunks: chunks, lintBetweenFrames: true)
            print("one reply of \(chunks) chunks: fold 100 records + lint hand-over + frame p50 \(StoreBenchmark.ms(ready.frame50))"
                + "   p95 \(StoreBenchmark.ms(ready.frame95)); with the lint run between frames p50 \(StoreBenchmark.ms(result.frame50))"
                + "   p95 \(StoreBenchmark.ms(result.frame95)); worker lint of the run p50 \(StoreBenchmark.ms(result.lint50))")
        }
    }

    private func measure(chunks: Int, lintBetweenFrames: Bool) -> (frame50: Double, frame95: Double, lint50: Double) {
        let size = Size(columns: 120, rows: 36)
        var state = AppState(endpoint: "bench", size: size, recordWindow: 1_000)
        _ = reduce(&state, .event(.resized(size)))
        for character in "go" { _ = reduce(&state, .key(.character(character))) }
        guard case .startTurn(let turn, _, _)? = reduce(&state, .key(.enter)).first else { return (0, 0, 0) }
        _ = reduce(&state, .intent(.focus(.inspector)))
        var pending: [LintRequest] = []
        pending += requests(reduce(&state, .intent(.selectTab(.lint))))
        var next = 0
        var offset = 0
        var body: [LintInput.Piece] = []
        func batch(_ count: Int) -> [RawRecord] {
            (0..<count).map { _ in
                defer { next += 1 }
                let bytes = Array("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"w\(next) \"}}]}\r\n\r\n".utf8)
                defer { offset += bytes.count }
                return RawRecord(kind: .event, offset: offset, receivedAt: Double(next) / 1000, bytes: bytes, events: [.text("w\(next) ")])
            }
        }
        var ready: LintReport?
        /// The worker: keeps the run's body and lints all of it, as `DebuggerReads` does on its thread; or,
        /// measuring the screen thread alone, answers with the findings of the first 1,000 records.
        func work(_ request: LintRequest) -> (LintResult, Double) {
            if !lintBetweenFrames, let ready {
                return (LintResult(runID: request.runID, records: request.total, ended: request.ended, report: ready), 0)
            }
            body += request.records.map { LintInput.Piece(time: $0.receivedAt, bytes: $0.bytes) }
            if ready == nil, body.count >= 1_000 {
                ready = Linter.lint(LintInput(provider: request.provider, pieces: Array(body.prefix(1_000)), timed: true))
            }
            let start = StoreBenchmark.now()
            let report = Linter.lint(LintInput(provider: request.provider, pieces: body, timed: true))
            return (LintResult(runID: request.runID, records: request.total, ended: request.ended, report: report),
                    StoreBenchmark.now() - start)
        }
        while next < chunks {
            pending += requests(reduce(&state, .event(.runRecords(runID: turn, batch(min(1_000, chunks - next))))))
            for request in pending { pending = requests(reduce(&state, .event(.lintFinished(work(request).0)))) }
            _ = Screen.render(state, size: size)
        }
        var frames: [Double] = []
        var lints: [Double] = []
        for _ in 0..<50 {
            let records = batch(100)
            let start = StoreBenchmark.now()
            pending += requests(reduce(&state, .event(.runRecords(runID: turn, records))))
            _ = Screen.render(state, size: size)
            frames.append(StoreBenchmark.now() - start)
            for request in pending {
                let (result, seconds) = work(request)
                lints.append(seconds)
                let answered = StoreBenchmark.now()
                pending = requests(reduce(&state, .event(.lintFinished(result))))
                frames[frames.count - 1] += StoreBenchmark.now() - answered
            }
        }
        return (StoreBenchmark.percentile(frames, 0.5), StoreBenchmark.percentile(frames, 0.95),
                StoreBenchmark.percentile(lints, 0.5))
    }

    private func requests(_ effects: [Effect]) -> [LintRequest] {
        effects.compactMap { if case .lint(let request) = $0 { return request } else { return nil } }
    }
}
