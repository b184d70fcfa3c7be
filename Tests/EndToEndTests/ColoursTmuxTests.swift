import Foundation
import TestSupport
import XCTest

/// Colours, copies and the editor on the real binary in tmux: `NO_COLOR` draws without a colour but keeps
/// reverse and bold, an 8-colour terminal gets the nearest colours instead of 256-colour codes, `y` and `Y`
/// reach tmux's paste buffer through OSC 52, and `e` (or `^O`) edits the message in `$EDITOR`.
final class ColoursTmuxTests: XCTestCase {
    private var binary: String { Fixtures.packageRoot.appendingPathComponent(".build/debug/parley").path }

    /// The SGR parameters of a styled capture, split into colours (`33`, `38;5;208`) and attributes (`1`, `7`).
    private func sgr(_ screen: String) -> (colours: Set<String>, attributes: Set<String>) {
        var colours = Set<String>()
        var attributes = Set<String>()
        var rest = screen[...]
        while let start = rest.range(of: "\u{1B}[") {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(where: { !($0.isNumber || $0 == ";") }) else { break }
            defer { rest = rest[end...] }
            guard rest[end] == "m" else { continue }
            var params = rest[..<end].split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }[...]
            while let first = params.popFirst() {
                switch first {
                case 38, 48:
                    let mode = params.popFirst() ?? 0
                    let count = mode == 5 ? 1 : mode == 2 ? 3 : 0
                    let value = params.prefix(count).map(String.init).joined(separator: ";")
                    params = params.dropFirst(count)
                    colours.insert("\(first);\(mode);\(value)")
                case 30...37, 40...47, 90...97, 100...107: colours.insert(String(first))
                case 39, 49: break
                default: attributes.insert(String(first))
                }
            }
        }
        return (colours, attributes)
    }

    /// The shell the tests type into; `swift test` may hand its children `NO_COLOR`, so runs that expect
    /// colours clear it with `env -u NO_COLOR`.
    private func startShell(columns: Int = 120, rows: Int = 40) throws -> Tmux {
        try Tmux(columns: columns, rows: rows, command: "env PS1='colour-shell$ ' bash --norc --noprofile",
                 directory: Fixtures.packageRoot.path)
    }

    private func quit(_ tmux: Tmux) throws {
        try tmux.press("C-q")
        let restored = try tmux.wait(seconds: 10) { $0.contains("colour-shell$") && !$0.contains("Inspector") }
        XCTAssertTrue(restored.met, "the shell is back after quitting:\n\(restored.screen)")
        try tmux.type("clear")
        try tmux.press("Enter")
    }

    func testNoColorDrawsWithoutColourButKeepsReverseAndBold() throws {
        guard Tmux.executablePath != nil else { throw XCTSkip("tmux is not installed; install it to run the end-to-end test") }
        let data = try makeTemporaryFolder("parley-e2e-nocolor")
        let tmux = try startShell()
        try tmux.type("env -u NO_COLOR TERM=xterm-256color XDG_DATA_HOME=\(data.path) XDG_CONFIG_HOME=\(data.path) \(binary)")
        try tmux.press("Enter")
        XCTAssertTrue(try tmux.wait(seconds: 20) { $0.contains("Inspector") }.met)
        let coloured = sgr(try tmux.captureStyled())
        XCTAssertFalse(coloured.colours.isEmpty, "without NO_COLOR the screen has colours")
        try quit(tmux)

        try tmux.type("NO_COLOR=1 TERM=xterm-256color XDG_DATA_HOME=\(data.path) XDG_CONFIG_HOME=\(data.path) \(binary)")
        try tmux.press("Enter")
        XCTAssertTrue(try tmux.wait(seconds: 20) { $0.contains("Inspector") }.met)
        try tmux.type("Show me some markdown")
        try tmux.press("Enter")
        let answered = try tmux.wait(seconds: 20) { $0.contains("Press m in the transcript") && !$0.contains("streaming") }
        XCTAssertTrue(answered.met, answered.screen)
        try tmux.press("Tab")
        XCTAssertTrue(try tmux.wait(seconds: 10) { $0.contains("▸ Show me some") }.met)
        let styled = try tmux.captureStyled()
        let plain = sgr(styled)
        XCTAssertTrue(plain.colours.isEmpty, "no colour escape at all with NO_COLOR: \(plain.colours.sorted())")
        XCTAssertTrue(plain.attributes.contains("7"), "the selection and the status bar are drawn reversed: \(plain.attributes.sorted())")
        XCTAssertTrue(plain.attributes.contains("1"), "bold stays: \(plain.attributes.sorted())")
        XCTAssertTrue(plain.attributes.contains("2"), "grey text is dimmed: \(plain.attributes.sorted())")
        try quit(tmux)
    }

    func testAnEightColourTerminalGetsTheNearestColours() throws {
        guard Tmux.executablePath != nil else { throw XCTSkip("tmux is not installed; install it to run the end-to-end test") }
        let data = try makeTemporaryFolder("parley-e2e-eight")
        let themes = data.appendingPathComponent("parley/themes")
        try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
        try """
            # 256-colour roles: orange borders and titles, a blue selection
            border.focused = color208 default -
            title.focused  = color208 default bold
            selection      = color231 color27 -
            status         = color16 color250 -
            """.write(to: themes.appendingPathComponent("orange.theme"), atomically: true, encoding: .utf8)
        let tmux = try startShell()
        try tmux.type("env -u NO_COLOR TERM=xterm XDG_DATA_HOME=\(data.path) XDG_CONFIG_HOME=\(data.path) \(binary) --theme orange")
        try tmux.press("Enter")
        let opened = try tmux.wait(seconds: 20) { $0.contains("Inspector") && $0.contains("[ Message ]") }
        XCTAssertTrue(opened.met, opened.screen)
        let eight = sgr(try tmux.captureStyled())
        XCTAssertFalse(eight.colours.contains { $0.hasPrefix("38;") || $0.hasPrefix("48;") },
                       "an 8-colour terminal gets no 256-colour codes: \(eight.colours.sorted())")
        XCTAssertTrue(eight.colours.contains("33"), "orange is drawn as the nearest of 8, yellow: \(eight.colours.sorted())")
        XCTAssertTrue(eight.colours.contains("47"), "the light grey status bar is white: \(eight.colours.sorted())")
        try quit(tmux)

        try tmux.type("env -u NO_COLOR TERM=xterm-256color XDG_DATA_HOME=\(data.path) XDG_CONFIG_HOME=\(data.path) \(binary) --theme orange")
        try tmux.press("Enter")
        XCTAssertTrue(try tmux.wait(seconds: 20) { $0.contains("Inspector") && $0.contains("[ Message ]") }.met)
        let full = sgr(try tmux.captureStyled())
        XCTAssertTrue(full.colours.contains("38;5;208"), "a 256-colour terminal gets the theme's colour: \(full.colours.sorted())")
        try quit(tmux)
    }

    func testCopyKeysReachTmuxAndTheEditorRewritesTheMessage() throws {
        guard Tmux.executablePath != nil else { throw XCTSkip("tmux is not installed; install it to run the end-to-end test") }
        let data = try makeTemporaryFolder("parley-e2e-copy-edit")
        let log = data.appendingPathComponent("editor.log")
        let editor = data.appendingPathComponent("editor.sh")
        let editing = data.appendingPathComponent("editing")
        let release = data.appendingPathComponent("release")
        // The editor says it runs, then waits (10 s at most) for the test to look at the terminal.
        try """
            #!/bin/sh
            stat -c '%a %n' "$1" >> '\(log.path)'
            if grep -q fail "$1"; then exit 3; fi
            touch '\(editing.path)'
            i=0; while [ ! -e '\(release.path)' ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done
            printf 'Rewritten by the editor\\nwith a second line\\n' > "$1"
            """.write(to: editor, atomically: true, encoding: .utf8)
        chmod(editor.path, 0o755)
        let tmux = try startShell(columns: 250, rows: 56)
        try tmux.setServerOption("set-clipboard", "on")
        try tmux.type("EDITOR=\(editor.path) XDG_DATA_HOME=\(data.path) XDG_CONFIG_HOME=\(data.path) \(binary)")
        try tmux.press("Enter")
        XCTAssertTrue(try tmux.wait(seconds: 20) { $0.contains("Inspector") }.met)
        try tmux.type("Show me some markdown")
        try tmux.press("Enter")
        let answered = try tmux.wait(seconds: 20) { $0.contains("Press m in the transcript") && !$0.contains("streaming") }
        XCTAssertTrue(answered.met, answered.screen)

        try tmux.press("Tab", "Tab")
        try tmux.type("y")
        let message = try XCTUnwrap(try waitForBuffer(tmux) { $0.contains("# Reading an event stream") })
        XCTAssertTrue(message.contains("**one HTTP response**") && message.contains("```swift"), "the reply as written:\n\(message)")
        try tmux.type("Y")
        let code = try XCTUnwrap(try waitForBuffer(tmux) { $0.hasPrefix("let parser") })
        XCTAssertEqual(code, "let parser = SSEParser()\nfor frame in parser.feed(bytes) {\n    print(frame.data)\n}")
        XCTAssertTrue(try tmux.wait(seconds: 10) { $0.contains("Copied code block 1/1 swift (4 lines)") }.met)

        try tmux.type("e")
        let running = try tmux.wait(seconds: 20) { _ in FileManager.default.fileExists(atPath: editing.path) }
        XCTAssertTrue(running.met, "the editor starts:\n\(running.screen)")
        XCTAssertEqual(try tmux.display("#{alternate_on}"), "0", "the editor gets the normal screen, not Parley's")
        XCTAssertEqual(try tmux.display("#{mouse_any_flag}"), "0", "and no mouse reports")
        FileManager.default.createFile(atPath: release.path, contents: nil)
        let edited = try tmux.wait(seconds: 20) { $0.contains("› Rewritten by the editor") && $0.contains("with a second line") }
        XCTAssertTrue(edited.met, "the editor's text is in the composer:\n\(edited.screen)")
        XCTAssertTrue(edited.screen.contains("The edited message is in the composer"), edited.screen)
        XCTAssertTrue(edited.screen.contains("Inspector"), "the screen is drawn again after the editor")
        XCTAssertEqual(try tmux.display("#{alternate_on}"), "1")

        try tmux.press("C-u", "BSpace", "C-u")
        try tmux.type("please fail")
        try tmux.press("C-o")
        let failed = try tmux.wait(seconds: 20) { $0.contains("exited with status 3") }
        XCTAssertTrue(failed.met, "a failing editor says so:\n\(failed.screen)")
        XCTAssertTrue(failed.screen.contains("› please fail"), "and the message is kept:\n\(failed.screen)")

        let files = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(files.count, 2, "the editor ran twice")
        for line in files {
            XCTAssertTrue(line.hasPrefix("600 ") && line.hasSuffix(".md"), "a private Markdown file: \(line)")
            let path = String(line.dropFirst(4))
            XCTAssertFalse(FileManager.default.fileExists(atPath: path), "the temporary file is removed: \(path)")
        }
        try quit(tmux)
    }

    /// The newest paste buffer once it satisfies `condition`, polled with the pane until tmux's deadline.
    private func waitForBuffer(_ tmux: Tmux, _ condition: @escaping (String) -> Bool) throws -> String? {
        var found: String?
        _ = try tmux.wait(seconds: 10) { _ in
            guard let buffer = (try? tmux.newestBuffer()) ?? nil, condition(buffer) else { return false }
            found = buffer
            return true
        }
        return found
    }
}
