import CSQLite
import Foundation
import TestSupport
import XCTest

/// Drives the built `parley` binary (no arguments: the built-in demo) in tmux, as a person would.
final class WorkbenchTmuxTests: XCTestCase {
    private var binary: String {
        ProcessInfo.processInfo.environment["PARLEY_E2E_BINARY"]
            ?? Fixtures.packageRoot.appendingPathComponent(".build/debug/parley").path
    }

    func testPromptStreamsInspectsResizesAndRestoresTheTerminal() throws {
        guard Tmux.executablePath != nil else { throw XCTSkip("tmux is not installed; install it to run the end-to-end test") }
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: binary), "build parley first: \(binary)")
        let tmux = try Tmux(columns: 120, rows: 36, command: "env PS1='e2e-shell$ ' bash --norc --noprofile",
                            directory: Fixtures.packageRoot.path)
        let data = try makeTemporaryFolder("parley-e2e")
        try tmux.type("XDG_DATA_HOME=\(data.path) XDG_CONFIG_HOME=\(data.path) \(binary)")
        try tmux.press("Enter")

        let opened = try tmux.wait(seconds: 20) { $0.contains("Conversations") && $0.contains("Inspector") }
        XCTAssertTrue(opened.met, "the three panes appear:\n\(opened.screen)")
        XCTAssertEqual(try tmux.display("#{alternate_on}"), "1", "the workbench runs on the alternate screen")

        try tmux.type("Hello from tmux")
        try tmux.press("Enter")
        let answered = try tmux.wait(seconds: 20) {
            $0.contains("▍Assistant") && !$0.contains("streaming…") && !$0.contains("waiting for the reply")
                && !$0.contains("reply streaming")
        }
        XCTAssertTrue(answered.met, "the answer streams in and its run ends:\n\(answered.screen)")
        XCTAssertTrue(answered.screen.contains("Hello from tmux"))
        let reply = replyText(answered.screen)
        XCTAssertFalse(reply.isEmpty, "the transcript shows the streamed answer:\n\(answered.screen)")

        try tmux.press("Tab", "Tab", "Tab")
        try tmux.type("4")
        let raw = try tmux.wait(seconds: 10) { $0.contains(" records ") && $0.contains("[DONE]␊␊") }
        XCTAssertTrue(raw.met, "the Raw tab lists the stream's records:\n\(raw.screen)")

        try tmux.resize(columns: 90, rows: 28)
        let resized = try tmux.wait(seconds: 10) { screen in
            let lines = screen.split(separator: "\n").map(String.init)
            return lines.count == 28 && lines[0].contains("Conversations") && lines[1].count == 90
                && lines[1].hasPrefix("┏━[ Inspector ]") && lines[1].hasSuffix("┓") && lines[24].hasPrefix("┌")
        }
        XCTAssertTrue(resized.met, "below 100 columns the focused inspector fills the width under the pane tabs:\n\(resized.screen)")

        try tmux.type("q")
        let restored = try tmux.wait(seconds: 10) { $0.contains("e2e-shell$") && !$0.contains("Inspector") }
        XCTAssertTrue(restored.met, "the shell is back after quitting:\n\(restored.screen)")
        XCTAssertEqual(try tmux.display("#{alternate_on}"), "0", "the alternate screen is left")
    }

    /// The text in the transcript column on the line under the assistant header.
    private func replyText(_ screen: String) -> String {
        let lines = screen.split(separator: "\n").map { Array($0) }
        guard let header = lines.firstIndex(where: { $0.contains("▍") && String($0).contains("Assistant") }),
              header + 1 < lines.count, let column = lines[header].firstIndex(of: "▍")
        else { return "" }
        let below = lines[header + 1].dropFirst(column).prefix { $0 != "│" && $0 != "┃" }
        return String(below).trimmingCharacters(in: .whitespaces)
    }
}

/// Issue 4's promise: kill Parley mid-stream, start it again, and everything that had arrived is there.
final class WorkbenchCrashTests: XCTestCase {
    /// The real binary in tmux, in a shell whose prompt is `crash-shell$ `, with a reply that streams its first
    /// words and then hangs; returns the pane, the data folder, the launch command and parley's pid.
    private func stalledReply(_ name: String, after launchSuffix: String = "") throws
        -> (tmux: Tmux, data: URL, launch: String, parley: Int32)
    {
        guard Tmux.executablePath != nil else { throw XCTSkip("tmux is not installed; install it to run the end-to-end test") }
        let binary = Fixtures.packageRoot.appendingPathComponent(".build/debug/parley").path
        let data = try makeTemporaryFolder(name)
        let launch = "XDG_DATA_HOME=\(data.path) XDG_CONFIG_HOME=\(data.path) \(binary)"
        let tmux = try Tmux(columns: 120, rows: 36, command: "env PS1='crash-shell$ ' bash --norc --noprofile",
                            directory: Fixtures.packageRoot.path)
        try tmux.type(launch + launchSuffix)
        try tmux.press("Enter")
        XCTAssertTrue(try tmux.wait(seconds: 20) { $0.contains("Inspector") }.met)
        try tmux.type("please stall")
        try tmux.press("Enter")
        let partial = try tmux.wait(seconds: 20) { $0.contains("Thinking about") && $0.contains("streaming…") }
        XCTAssertTrue(partial.met, "the first words arrive and the stream hangs:\n\(partial.screen)")
        let shell = try XCTUnwrap(Int32(try tmux.display("#{pane_pid}")))
        let parley = try XCTUnwrap(childProcess(of: shell), "parley runs under the pane's shell")
        return (tmux, data, launch, parley)
    }

    func testKilledMidStreamTheReplyComesBackInterruptedWithItsText() throws {
        let (tmux, data, launch, parley) = try stalledReply("parley-crash")
        let written = try tmux.wait(seconds: 5) { _ in storedRecords(in: data).contains("Thinking about") }
        XCTAssertTrue(written.met, "the partial reply's records reach the database while the stream is quiet")
        let reply = try tmux.wait(seconds: 5) { _ in stored("SELECT text FROM messages", in: data).contains("Thinking about") }
        XCTAssertTrue(reply.met, "the partial reply's text follows within the writer's interval, quiet stream or not")
        kill(parley, SIGKILL)
        XCTAssertTrue(try tmux.wait(seconds: 10) { $0.contains("crash-shell$") }.met, "the shell is back after the kill")

        try tmux.press("Enter")
        try tmux.type("reset; " + launch)
        try tmux.press("Enter")
        let listed = try tmux.wait(seconds: 20) { $0.contains("Inspector") && $0.contains("please stall") }
        XCTAssertTrue(listed.met, "the conversation is listed after the restart:\n\(listed.screen)")
        try tmux.press("Tab")
        try tmux.press("Down")
        let shown = try tmux.wait(seconds: 10) { $0.contains("Thinking about") && $0.contains("interrupted") }
        XCTAssertTrue(shown.met, "the reply shows what had arrived, marked interrupted:\n\(shown.screen)")
        try tmux.press("C-q")
    }

    func testSIGTERMMidStreamStoresTheReplyCancelledAndExitsWith143() throws {
        let (tmux, data, _, parley) = try stalledReply("parley-term", after: "; echo \"parley-exit=$?\"")
        kill(parley, SIGTERM)
        let exited = try tmux.wait(seconds: 15) { $0.split(separator: "\n").contains { $0.hasPrefix("parley-exit=") } }
        XCTAssertTrue(exited.screen.split(separator: "\n").contains("parley-exit=143"), "SIGTERM's usual status:\n\(exited.screen)")
        XCTAssertTrue(exited.screen.contains("crash-shell$"), "the terminal is restored to the shell")
        let status = stored("SELECT status FROM messages WHERE role = 'assistant'", in: data)
        XCTAssertEqual(status.trimmingCharacters(in: .whitespacesAndNewlines), "cancelled", "stored as cancelled, not interrupted")
        XCTAssertTrue(stored("SELECT text FROM messages", in: data).contains("Thinking about"), "what arrived is kept")
    }

    /// The pid of a direct child of `parent`, read from /proc.
    private func childProcess(of parent: Int32) -> Int32? {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = Int32(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")")
            else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, Int32(fields[1]) == parent { return pid }
        }
        return nil
    }

    /// What the raw records in the database below `data` hold, as text: a record's text is in its block's
    /// `bytes`, or in its `layout` where the block keeps a text event's words there (see `RecordBlock`).
    private func storedRecords(in data: URL) -> String {
        stored("SELECT layout FROM record_blocks UNION ALL SELECT bytes FROM record_blocks", in: data)
    }

    /// The bytes of every raw record in the database below `data`, as text, read through a read-only
    /// connection so that nothing (no recovery, no migration) touches the file the running app writes.
    ///
    /// The first column of every row a query returns, as text (blobs decoded as UTF-8), one row a line.
    private func stored(_ query: String, in data: URL) -> String {
        var db: OpaquePointer?
        let path = data.appendingPathComponent("parley/parley.sqlite").path
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, nil) == SQLITE_OK else {
            sqlite3_close(db)
            return ""
        }
        defer { sqlite3_close(db) }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, query, -1, &statement, nil) == SQLITE_OK else { return "" }
        defer { sqlite3_finalize(statement) }
        var text = ""
        while sqlite3_step(statement) == SQLITE_ROW {
            guard let blob = sqlite3_column_blob(statement, 0) else { continue }
            let bytes = UnsafeRawBufferPointer(start: blob, count: Int(sqlite3_column_bytes(statement, 0)))
            text += String(decoding: bytes, as: UTF8.self) + "\n"
        }
        return text
    }
}
