import ChatModel
import XCTest

/// The fold's step timings and arrival chart: fixed memory however long the run.
final class ArrivalHistogramTests: XCTestCase {
    func testBucketsDoubleInWidthAndKeepEveryRecord() {
        var histogram = ArrivalHistogram(width: 0.05)
        for i in 0..<1_000 { histogram.note(Double(i) * 0.01) }
        XCTAssertLessThanOrEqual(histogram.counts.count, ArrivalHistogram.maximumBuckets)
        XCTAssertEqual(histogram.counts.reduce(0, +), 1_000, "merging buckets loses no record")
        XCTAssertEqual(histogram.width, 0.2, "10 s of records in 64 buckets of 0.05 s doubled twice")
    }

    func testAPauseShowsAsEmptyBuckets() {
        var histogram = ArrivalHistogram(width: 0.1)
        [0.0, 0.05, 0.9, 0.95].forEach { histogram.note($0) }
        XCTAssertEqual(histogram.counts, [2, 0, 0, 0, 0, 0, 0, 0, 0, 2])
    }

    func testTheFoldTimesEachStepFromItsFirstRecordToItsLast() {
        var log = RunLog(id: RunID("r"), conversationID: "c", reply: Message(id: "m", role: .assistant, status: .streaming))
        let running = Step(id: "s1", kind: .toolCall, name: "search")
        var done = running
        done.status = .completed
        log.append(RawRecord(kind: .event, offset: 0, receivedAt: 0.2, bytes: [], events: [.step(running)]))
        log.append(RawRecord(kind: .event, offset: 0, receivedAt: 0.5, bytes: [], events: [.text("…")]))
        log.append(RawRecord(kind: .event, offset: 0, receivedAt: 1.7, bytes: [], events: [.step(done)]))
        XCTAssertEqual(log.stepTimings["s1"], StepTiming(firstSeen: 0.2, lastSeen: 1.7))
        XCTAssertEqual(log.stepTimings["s1"]?.duration ?? 0, 1.5, accuracy: 1e-9)
        XCTAssertEqual(log.arrivals.counts.reduce(0, +), 3)
    }
}
