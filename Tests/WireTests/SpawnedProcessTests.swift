import Foundation
import TestSupport
import XCTest

/// The test peers' launcher: children must start with no blocked signals so they stop when told.
final class SpawnedProcessTests: XCTestCase {
    func testChildStartsWithNoBlockedSignalsAndWritesToItsLogFile() throws {
        let logs = try makeTemporaryFolder("parley-spawn-tests")
        let child = try SpawnedProcess(
            executable: "/bin/sh", arguments: ["-c", "grep SigBlk /proc/self/status; echo oops >&2"], logDirectory: logs)
        XCTAssertEqual(child.waitForExit(timeout: 5), 0)
        XCTAssertEqual(try String(contentsOf: child.stdoutFile, encoding: .utf8), "SigBlk:\t0000000000000000\n")
        XCTAssertEqual(try String(contentsOf: child.stderrFile, encoding: .utf8), "oops\n")
    }

    func testStopEndsALongRunningChildAndReapsIt() throws {
        let logs = try makeTemporaryFolder("parley-spawn-tests")
        let child = try SpawnedProcess(executable: "/bin/sleep", arguments: ["30"], logDirectory: logs)
        XCTAssertTrue(child.isRunning)
        let status = child.stop(grace: 30)
        XCTAssertEqual(status & 0x7F, SIGTERM, "SIGTERM ended sleep; stop did not have to wait out the grace for SIGKILL")
        XCTAssertFalse(child.isRunning)
        XCTAssertEqual(kill(child.pid, 0), -1, "the pid is reaped, not a zombie")
    }
}
