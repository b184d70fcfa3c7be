import Foundation
import TestSupport
import XCTest

/// A server that sends terminal escapes cannot drive the user's terminal through the command line: the real
/// binary against the fixture server's hostile scenarios, with standard output a file (not a terminal).
final class TerminalSafetyCommandTests: CommandTestCase {
    /// The answer of `openai-escapes` exactly as the server sent it.
    private let exactAnswer = "Before the escapes.\ntitle:\u{1B}]0;pwned\u{07} clear:\u{1B}[2J clipboard:\u{1B}]52;c;cHduZWQ=\u{07} "
        + "csi:\u{9B}31m bidi:\u{202E}evil\u{202C}\nAfter the escapes.\n"

    private var hostile: String { base + "/scenario/openai-escapes/v1" }

    /// Whether text holds anything a terminal could act on (newlines and tabs aside).
    private func hasControls(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            scalar != "\n" && scalar != "\t"
                && (scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value)
                    || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value))
        }
    }

    func testAnAnswerPipedToAFileIsExactAndStandardErrorShowsControlsVisibly() throws {
        let result = try parley(["send", "--no-store", "--base-url", hostile, "hi"])
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        XCTAssertEqual(result.standardOutput, exactAnswer, "a pipeline gets the server's exact text")
        XCTAssertTrue(result.standardError.contains("thinking in ␛[31mred␛[0m"), result.standardError)
        XCTAssertFalse(hasControls(result.standardError), result.standardError)
    }

    func testJSONLinesEscapeEveryControl() throws {
        let result = try parley(["send", "--no-store", "--jsonl", "--base-url", hostile, "hi"])
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        XCTAssertFalse(hasControls(result.standardOutput), result.standardOutput)
        for escaped in [#"\u001b]0;pwned\u0007"#, #"\u001b[2J"#, #"\u001b]52;c;"#, #"\u009b31m"#, #"\u202eevil\u202c"#] {
            XCTAssertTrue(result.standardOutput.contains(escaped), "\(escaped) in \(result.standardOutput)")
        }
    }

    func testAnErrorBodyWithEscapesIsShownVisiblyOnStandardError() throws {
        let result = try parley(["send", "--no-store", "--base-url", base + "/scenario/openai-error-escapes/v1", "hi"])
        XCTAssertEqual(result.exitCode, 1)
        XCTAssertTrue(result.standardError.contains("bad request␛]0;pwned␇␛[2J⟨9B⟩31m"), result.standardError)
        XCTAssertFalse(hasControls(result.standardError), result.standardError)
    }

    func testStoredHostileTextIsShownVisiblyByEveryCommand() throws {
        let sent = try parley(["send", "--base-url", hostile, "title\u{1B}]0;owned\u{07} hostile reply"])
        XCTAssertEqual(sent.exitCode, 0, sent.standardError)
        let id = try XCTUnwrap(try parley(["conversations", "list", "--json"]).standardOutput
            .firstMatch(of: /"id":"([0-9a-f-]+)"/)?.1).description

        let list = try parley(["conversations", "list"])
        XCTAssertTrue(list.standardOutput.contains("title␛]0;owned␇ hostile reply"), list.standardOutput)
        let show = try parley(["conversations", "show", id])
        XCTAssertTrue(show.standardOutput.contains("title:␛]0;pwned␇ clear:␛[2J clipboard:␛]52;c;cHduZWQ=␇"), show.standardOutput)
        XCTAssertTrue(show.standardOutput.contains("csi:⟨9B⟩31m bidi:⟨202E⟩evil⟨202C⟩"), show.standardOutput)
        let search = try parley(["conversations", "search", "pwned"])
        let markdown = try parley(["export", id, "--format", "md"])
        XCTAssertTrue(markdown.standardOutput.contains("title:␛]0;pwned␇"), markdown.standardOutput)
        let json = try parley(["export", id, "--format", "json"])
        XCTAssertTrue(json.standardOutput.contains(#"\u009b31m"#), json.standardOutput)
        for result in [list, show, search, markdown, json, try parley(["conversations", "list", "--json"])] {
            XCTAssertEqual(result.exitCode, 0, result.standardError)
            XCTAssertFalse(hasControls(result.standardOutput + result.standardError), result.standardOutput)
        }
    }

    func testAnErrorMessageQuotingHostileInputIsShownVisibly() throws {
        let result = try parley(["conversations", "show", "nope\u{1B}]0;owned\u{07}\u{9B}2J"])
        XCTAssertNotEqual(result.exitCode, 0)
        XCTAssertTrue(result.standardError.contains("nope␛]0;owned␇⟨9B⟩2J"), result.standardError)
        XCTAssertFalse(hasControls(result.standardError), result.standardError)
    }

    func testSendHelpSaysAPipeGetsTheExactAnswer() throws {
        let help = try parley(["send", "--help"])
        XCTAssertEqual(help.exitCode, 0)
        XCTAssertTrue(help.standardOutput.contains("exactly as the server sent it"), help.standardOutput)
    }
}

/// The same hostile answer with standard output a terminal: tmux on a private socket runs `parley send`.
final class TerminalSafetyTmuxTests: CommandTestCase {
    func testSendOnATerminalShowsEscapesInsteadOfObeyingThem() throws {
        guard Tmux.executablePath != nil else { throw XCTSkip("tmux is not installed; install it to run this test") }
        let tmux = try Tmux(columns: 120, rows: 30, command: "env PS1='tty-shell$ ' bash --norc --noprofile",
                            directory: Fixtures.packageRoot.path)
        let title = try tmux.display("#{pane_title}")
        let settings = environment.sorted { $0.key < $1.key }.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        try tmux.type("printf 'earlier line\\n'; env \(settings) \(ParleyBinary.path) send --no-store --base-url "
            + "\(base)/scenario/openai-escapes/v1 hi; echo status=$?")
        try tmux.press("Enter")
        let done = try tmux.wait(seconds: 20) { $0.contains(/status=[0-9]/) }
        XCTAssertTrue(done.met, "send finishes:\n\(done.screen)")
        XCTAssertTrue(done.screen.contains("status=0"), done.screen)
        XCTAssertEqual(try tmux.display("#{pane_title}"), title, "the answer's OSC 0 did not retitle the window")
        XCTAssertTrue(done.screen.contains("earlier line"), "ESC [2J did not clear the screen:\n\(done.screen)")
        // One piece per streamed delta: stdout and stderr are written per batch, so the reasoning (stderr) may
        // land between two deltas of the answer on the screen.
        for visible in ["title:␛]0;pwned␇", "clear:␛[2J", "clipboard:␛]52;c;cHduZWQ=␇", "csi:⟨9B⟩31m bidi:⟨202E⟩evil⟨202C⟩",
                        "After the escapes.", "thinking in ␛[31mred␛[0m"] {
            XCTAssertTrue(done.screen.contains(visible), "\(visible) is shown:\n\(done.screen)")
        }
    }
}
