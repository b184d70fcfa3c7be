import ChatModel
import Foundation
import TestSupport
import XCTest

@testable import Store

final class CrashTests: StoreTestCase {
    /// The `parley-bench` binary built beside the test bundle.
    private var benchBinary: String {
        let candidates = [
            URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent(),
            Bundle(for: CrashTests.self).bundleURL.deletingLastPathComponent(),
            Fixtures.packageRoot.appendingPathComponent(".build/debug"),
        ].map { $0.appendingPathComponent("parley-bench").path }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }

    func testKillNineMidStreamKeepsEveryFlushedRecordAndMarksTheReplyInterrupted() throws {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: benchBinary), "build parley-bench first: \(benchBinary)")
        let child = try SpawnedProcess(
            executable: benchBinary, arguments: ["write-forever", databasePath],
            logDirectory: URL(fileURLWithPath: databasePath).deletingLastPathComponent())
        let flushed = child.waitForLines(count: 5, timeout: 30) { $0.hasPrefix("flushed ") }
            .compactMap { Int($0.dropFirst(8)) }
        XCTAssertGreaterThanOrEqual(flushed.count, 5, "the writer reported flushes before the deadline")
        XCTAssertEqual(child.signal(SIGKILL), SIGKILL)

        let store = try openStore()
        XCTAssertEqual(store.recoveredMessageIDs, ["crash-reply"])
        let run = try XCTUnwrap(try store.run(id: "crash-run"))
        let lastAnnounced = try XCTUnwrap(flushed.last)
        XCTAssertGreaterThanOrEqual(run.records.count, lastAnnounced)
        XCTAssertEqual(run.records.map(\.offset), run.records.indices.map { i in
            run.records[..<i].reduce(0) { $0 + $1.bytes.count }
        })
        let reply = try XCTUnwrap(try store.message(id: "crash-reply"))
        XCTAssertEqual(reply.status, .interrupted)
        XCTAssertEqual(reply.text, (0..<run.records.count).map { "chunk\($0) " }.joined())
        XCTAssertEqual(try store.transcript(id: "crash")?.messages.map(\.id), ["crash-user", "crash-reply"])
    }

    func testAnotherProcessOpeningTheStoreLeavesALiveReplyAloneUntilItsWriterIsGone() throws {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: benchBinary), "build parley-bench first: \(benchBinary)")
        let child = try SpawnedProcess(
            executable: benchBinary, arguments: ["write-forever", databasePath],
            logDirectory: URL(fileURLWithPath: databasePath).deletingLastPathComponent())
        XCTAssertEqual(child.waitForLines(count: 2, timeout: 30) { $0.hasPrefix("flushed ") }.count, 2)

        let whileLive = try openStore()
        XCTAssertEqual(whileLive.recoveredMessageIDs, [], "a reply another process is streaming is not recovered")
        XCTAssertEqual(try whileLive.message(id: "crash-reply")?.status, .streaming)
        XCTAssertEqual(child.waitForLines(count: 3, timeout: 30) { $0.hasPrefix("flushed ") }.count, 3,
                       "the writer goes on writing after the other open")

        XCTAssertEqual(child.signal(SIGKILL), SIGKILL)
        let afterDeath = try openStore()
        XCTAssertEqual(afterDeath.recoveredMessageIDs, ["crash-reply"], "once its writer is gone the reply is recovered")
        XCTAssertEqual(try afterDeath.message(id: "crash-reply")?.status, .interrupted)
        XCTAssertEqual(try openStore().recoveredMessageIDs, [], "recovery happens once")
    }
}
