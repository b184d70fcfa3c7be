import Foundation
import TestSupport
@testable import WorkbenchApp
import XCTest

/// The user's editor, run for real on its temporary file: which editor, arguments in `$EDITOR`, and every way
/// it can fail leaving the text alone with a reason.
final class ExternalEditorTests: XCTestCase {
    func testTheEditorIsEDITORThenVISUALThenVi() {
        XCTAssertEqual(ExternalEditor.command(environment: ["EDITOR": "nano", "VISUAL": "code --wait"]), "nano")
        XCTAssertEqual(ExternalEditor.command(environment: ["EDITOR": " ", "VISUAL": "code --wait"]), "code --wait")
        XCTAssertEqual(ExternalEditor.command(environment: [:]), "vi")
    }

    func testAnEditorWithArgumentsEditsTheFile() throws {
        let folder = try makeTemporaryFolder("parley-editor")
        let outcome = ExternalEditor.edit(
            "draft one", environment: ["EDITOR": "sed -i s/one/two/", "TMPDIR": folder.path])
        XCTAssertEqual(outcome, .saved("draft two"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [], "the temporary file is removed")
    }

    func testAMissingOrFailingEditorSaysWhyAndSavesNothing() throws {
        let folder = try makeTemporaryFolder("parley-editor")
        let missing = ExternalEditor.edit("draft", environment: ["EDITOR": "/nonexistent/editor", "TMPDIR": folder.path])
        XCTAssertEqual(missing, .failed(
            "No editor `/nonexistent/editor` was found. The message is unchanged; set $EDITOR (or $VISUAL) to your editor's command."))
        let failing = ExternalEditor.edit("draft", environment: ["EDITOR": "false", "TMPDIR": folder.path])
        XCTAssertEqual(failing, .failed(
            "The editor `false` exited with status 1, so its file was not read back. The message is unchanged."))
        let killed = ExternalEditor.edit("draft", environment: ["EDITOR": "kill -TERM $$; :", "TMPDIR": folder.path])
        XCTAssertEqual(killed, .failed("The editor `kill -TERM $$; :` was ended by signal 15. The message is unchanged."))
        let noFolder = ExternalEditor.edit("draft", environment: ["EDITOR": "true", "TMPDIR": folder.appendingPathComponent("gone").path])
        guard case .failed(let reason) = noFolder else { return XCTFail("\(noFolder)") }
        XCTAssertTrue(reason.hasPrefix("Could not make a temporary file in "), reason)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
    }
}
