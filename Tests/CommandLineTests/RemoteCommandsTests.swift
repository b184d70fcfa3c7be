import FixtureServer
import Foundation
import TestSupport
import XCTest

/// `--remote` rename and delete, `parley feedback`, `parley app` and Dify files on `parley send`, end to end
/// against the fixture server: what the server received, and what the local store holds afterwards.
final class RemoteCommandsTests: CommandTestCase {
    private var requests: [RecordedRequest] { server?.receivedRequests ?? [] }

    /// The listed conversations as JSON objects.
    private func listed() throws -> [[String: Any]] {
        let list = try parley(["conversations", "list", "--json", "--all"])
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [[String: Any]])
    }

    private func id(titled title: String) throws -> String {
        try XCTUnwrap(try listed().first { $0["title"] as? String == title }?["id"] as? String)
    }

    func testDifyRemoteRenameAndDeleteReachTheServerThenTheStore() throws {
        let dify = ["--provider", "dify", "--base-url", base + "/v1", "-o", "user=alice"]
        XCTAssertEqual(try parley(["conversations", "pull"] + dify).exitCode, 0)
        let id = try id(titled: "Quota trouble")
        let remote = "45701982-8118-4bc5-8e9b-64562b4555f2"
        let renamed = try parley(["conversations", "rename", String(id.prefix(6)), "Out of quota", "--remote"] + dify)
        XCTAssertEqual(renamed.exitCode, 0, renamed.standardError)
        XCTAssertEqual(renamed.standardOutput, """
            Renamed dify conversation \(remote) on the server: “Out of quota”
            Renamed \(id.prefix(8)): “Quota trouble” → “Out of quota”

            """)
        let rename = try XCTUnwrap(requests.last)
        XCTAssertEqual(rename.method, "POST")
        XCTAssertEqual(rename.path, "/v1/conversations/\(remote)/name")
        XCTAssertEqual(rename.json?["name"]?.stringValue, "Out of quota")
        XCTAssertEqual(rename.json?["user"]?.stringValue, "alice")
        XCTAssertEqual(try listed().first { $0["id"] as? String == id }?["title"] as? String, "Out of quota")

        let deleted = try parley(["conversations", "delete", String(id.prefix(6)), "--remote"] + dify)
        XCTAssertEqual(deleted.exitCode, 0, deleted.standardError)
        XCTAssertEqual(deleted.standardOutput, """
            Deleted dify conversation \(remote) on the server.
            Deleted \(id) “Out of quota” (6 messages and their raw streams).

            """)
        XCTAssertEqual(requests.last?.method, "DELETE")
        XCTAssertEqual(requests.last?.path, "/v1/conversations/\(remote)")
        XCTAssertEqual(try listed().count, 2)
    }

    func testAFailedRemoteRenameLeavesTheLocalTitle() throws {
        XCTAssertEqual(try parley(["conversations", "pull", "--provider", "dify", "--base-url", base + "/v1"]).exitCode, 0)
        let id = try id(titled: "Quota trouble")
        let result = try parley([
            "conversations", "rename", id, "Nope", "--remote", "--provider", "dify", "--base-url", base + "/nowhere/v1",
        ])
        XCTAssertEqual(result.exitCode, 1)
        XCTAssertTrue(result.standardError.hasPrefix("parley: could not rename 45701982-8118-4bc5-8e9b-64562b4555f2 on the server, so the local title is unchanged: HTTP 404"), result.standardError)
        XCTAssertEqual(try listed().first { $0["id"] as? String == id }?["title"] as? String, "Quota trouble")
    }

    func testCompanionCallErrorsNameTheServer() throws {
        XCTAssertEqual(try parley(["conversations", "pull", "--provider", "dify", "--base-url", base + "/v1"]).exitCode, 0)
        let server = "(from " + base.replacingOccurrences(of: "http://", with: "") + ")"
        let wrong = ["--provider", "dify", "--base-url", base + "/nowhere/v1"]
        let local = try id(titled: "Quota trouble")
        for arguments in [
            ["app"], ["conversations", "pull"], ["feedback", "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d", "like"],
            ["conversations", "rename", local, "Nope", "--remote"], ["conversations", "delete", local, "--remote"],
        ] {
            let result = try parley(arguments + wrong)
            XCTAssertNotEqual(result.exitCode, 0, "\(arguments): \(result.standardOutput)")
            XCTAssertTrue(result.standardError.contains("HTTP 404"), "\(arguments): \(result.standardError)")
            XCTAssertTrue(result.standardError.contains(server), "\(arguments) names \(server): \(result.standardError)")
        }
        XCTAssertEqual(try id(titled: "Quota trouble"), local, "a refused remote delete keeps the local copy")
    }

    func testHelixRemoteRenameAndDeleteUseTheSessionsEndpoint() throws {
        let helix = ["--provider", "helix", "--base-url", base]
        XCTAssertEqual(try parley(["conversations", "pull"] + helix).exitCode, 0)
        let id = try id(titled: "Faroe Islands location")
        let renamed = try parley(["conversations", "rename", id, "Where the Faroes are", "--remote"] + helix)
        XCTAssertEqual(renamed.exitCode, 0, renamed.standardError)
        XCTAssertEqual(requests.last?.method, "PUT")
        XCTAssertEqual(requests.last?.path, "/api/v1/sessions/ses_01kdemo7p4r6t8v0x2z4b6d8fg")
        XCTAssertEqual(requests.last?.json?["name"]?.stringValue, "Where the Faroes are")
        XCTAssertTrue(renamed.standardOutput.hasPrefix("Renamed helix conversation ses_01kdemo7p4r6t8v0x2z4b6d8fg on the server: “Where the Faroes are”\n"), renamed.standardOutput)
        let deleted = try parley(["conversations", "delete", id, "--remote"] + helix)
        XCTAssertEqual(deleted.exitCode, 0, deleted.standardError)
        XCTAssertEqual(requests.last?.method, "DELETE")
        XCTAssertEqual(requests.last?.path, "/api/v1/sessions/ses_01kdemo7p4r6t8v0x2z4b6d8fg")
        XCTAssertFalse(try listed().contains { $0["id"] as? String == id })
    }

    /// A stored Big Hummingbird conversation, made by sending one turn.
    private func hummingbirdConversation() throws -> String {
        let sent = try parley(["send", "--provider", "hummingbird", "--base-url", base + "/bh", "--jsonl", "Bonjour"])
        XCTAssertEqual(sent.exitCode, 0, sent.standardError)
        return try XCTUnwrap(try listed().first?["id"] as? String)
    }

    func testHummingbirdDeleteReachesTheServer() throws {
        let id = try hummingbirdConversation()
        let remote = try XCTUnwrap(try listed().first?["remote_id"] as? String)
        let result = try parley(["conversations", "delete", id, "--remote", "--provider", "hummingbird", "--base-url", base + "/bh"])
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        XCTAssertEqual(requests.last?.method, "DELETE")
        XCTAssertEqual(requests.last?.path, "/bh/chat-session/\(remote)")
        XCTAssertTrue(result.standardOutput.hasPrefix("Deleted hummingbird conversation \(remote) on the server.\n"), result.standardOutput)
        XCTAssertEqual(try listed().count, 0)
    }

    func testHummingbirdRefusalIsReportedAndTheLocalCopyStillGoes() throws {
        let id = try hummingbirdConversation()
        let result = try parley(["conversations", "delete", id, "--remote", "--provider", "hummingbird", "--base-url", base + "/gone"])
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        XCTAssertTrue(result.standardError.hasPrefix("parley: The server did not delete the session (HTTP 404); it is forgotten locally only."), result.standardError)
        XCTAssertTrue(result.standardError.contains("(from " + base.replacingOccurrences(of: "http://", with: "") + ")"), result.standardError)
        XCTAssertTrue(result.standardOutput.hasPrefix("Deleted \(id) "), result.standardOutput)
        XCTAssertEqual(try listed().count, 0)
    }

    func testNoRemoteIDAndNoSuchCallAreClearErrors() throws {
        let sent = try parley(["send", "--base-url", base + "/v1", "hello"])
        XCTAssertEqual(sent.exitCode, 0, sent.standardError)
        let local = try XCTUnwrap(try listed().first?["id"] as? String)
        let rename = try parley(["conversations", "rename", local, "Title", "--remote", "--base-url", base + "/v1"])
        XCTAssertEqual(rename.exitCode, 64)
        XCTAssertTrue(rename.standardError.contains("Conversation \(local.prefix(8)) has no remote id"), rename.standardError)

        let id = try hummingbirdConversation()
        let count = requests.count
        let result = try parley(["conversations", "rename", id, "Title", "--remote", "--provider", "hummingbird", "--base-url", base + "/bh"])
        XCTAssertEqual(result.exitCode, 1)
        XCTAssertTrue(result.standardError.contains("Big Hummingbird has no call to rename a chat session; leave out --remote"), result.standardError)
        XCTAssertEqual(requests.count, count, "nothing is sent for a call that does not exist")
        XCTAssertTrue(try listed().contains { $0["id"] as? String == id && $0["title"] as? String != "Title" })
    }

    func testFeedbackByLocalPrefixOrRemoteID() throws {
        let dify = ["--provider", "dify", "--base-url", base + "/v1", "-o", "user=alice"]
        XCTAssertEqual(try parley(["conversations", "pull"] + dify).exitCode, 0)
        let remote = "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d"
        let liked = try parley(["feedback", remote, "like"] + dify)
        XCTAssertEqual(liked.exitCode, 0, liked.standardError)
        XCTAssertEqual(liked.standardOutput, """
            POST \(base)/v1/messages/\(remote)/feedbacks
            {"rating":"like","user":"alice"}
            Rated like.

            """)
        XCTAssertEqual(requests.last?.path, "/v1/messages/\(remote)/feedbacks")
        XCTAssertEqual(requests.last?.bodyText, #"{"rating":"like","user":"alice"}"#)

        let cleared = try parley(["feedback", String(remote.prefix(8)), "clear"] + dify)
        XCTAssertEqual(cleared.exitCode, 0, cleared.standardError)
        XCTAssertEqual(requests.last?.path, "/v1/messages/\(remote)/feedbacks", "a prefix of Dify's own id is enough")
        XCTAssertEqual(requests.last?.bodyText, #"{"rating":null,"user":"alice"}"#)

        let sent = requests.count
        let unknown = try parley(["feedback", "not-stored-anywhere", "like"] + dify)
        XCTAssertEqual(unknown.exitCode, 64)
        XCTAssertTrue(unknown.standardError.contains("Parley knows no reply whose id or Dify message id starts with not-stored-anywhere"),
                      unknown.standardError)
        XCTAssertEqual(requests.count, sent, "nothing is sent for an id Parley cannot place")

        let own = try parley(["feedback", remote + ":query", "dislike"] + dify)
        XCTAssertEqual(own.exitCode, 64)
        XCTAssertTrue(own.standardError.contains("is a user message; feedback rates an assistant reply"), own.standardError)
        let other = try parley(["feedback", remote, "like", "--base-url", base + "/v1"])
        XCTAssertEqual(other.exitCode, 64)
        XCTAssertTrue(other.standardError.contains("Feedback is a Dify call; the endpoint is openai"), other.standardError)
    }

    func testAppShowsInfoParametersAndMeta() throws {
        let dify = ["--provider", "dify", "--base-url", base + "/v1"]
        let text = try parley(["app"] + dify)
        XCTAssertEqual(text.exitCode, 0, text.standardError)
        for line in [
            "Lighthouse helper (agent-chat)", "Tells the time on the Faroe Islands and draws lighthouses.",
            "tags: demo, agent", "  Hi! I can tell the time on the Faroe Islands and draw what you describe.",
            "  - What time is it in Tórshavn?", "  name  “Your name”  text-input, required, at most 48 characters",
            "  tone  “Tone”  select, optional, options: friendly | formal, default friendly",
            "Features: citations on, suggested questions after answers on, file upload on", "  current_time  🕘",
        ] {
            XCTAssertTrue(text.lines.contains(line), "missing \(line) in:\n\(text.standardOutput)")
        }
        XCTAssertEqual(Set(requests.map(\.path)), ["/v1/info?user=parley", "/v1/parameters?user=parley", "/v1/meta?user=parley"])
        let json = try parley(["app", "--json"] + dify)
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let parameters = try XCTUnwrap(document["parameters"] as? [String: Any])
        let form = try XCTUnwrap(parameters["user_input_form"] as? [[String: Any]])
        XCTAssertEqual(form.map { $0["variable"] as? String }, ["name", "tone"])
        XCTAssertEqual(form[1]["options"] as? [String], ["friendly", "formal"])
        XCTAssertEqual((document["info"] as? [String: Any])?["name"] as? String, "Lighthouse helper")
    }

    func testSendUploadsFilesAndAttachesThem() throws {
        let file = URL(fileURLWithPath: environment["HOME"]!).appendingPathComponent("lighthouse.png")
        try Data("not really a png".utf8).write(to: file)
        let result = try parley([
            "send", "--provider", "dify", "--base-url", base + "/v1", "--file", file.path,
            "--file-url", "https://example.com/notes.pdf", "Describe these",
        ])
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        let upload = try XCTUnwrap(requests.first { $0.path == "/v1/files/upload" })
        XCTAssertTrue(upload.header("Content-Type")?.hasPrefix("multipart/form-data; boundary=") ?? false)
        XCTAssertTrue(upload.bodyText.contains("filename=\"lighthouse.png\"\r\nContent-Type: image/png\r\n\r\nnot really a png\r\n"), upload.bodyText)
        let chat = try XCTUnwrap(requests.first { $0.path == "/v1/chat-messages" })
        let files = try XCTUnwrap(chat.json?["files"]?.arrayValue)
        XCTAssertEqual(files.count, 2)
        XCTAssertEqual(files[0]["transfer_method"]?.stringValue, "local_file")
        XCTAssertEqual(files[0]["upload_file_id"]?.stringValue, "72fa9618-8f89-4a37-9b33-7e1178a24a67")
        XCTAssertEqual(files[0]["type"]?.stringValue, "image")
        XCTAssertEqual(files[1]["transfer_method"]?.stringValue, "remote_url")
        XCTAssertEqual(files[1]["url"]?.stringValue, "https://example.com/notes.pdf")
        XCTAssertEqual(files[1]["type"]?.stringValue, "document")

        let hint = try XCTUnwrap(result.standardError.split(separator: "\n").first { $0.hasPrefix("parley: conversation ") })
        let id = String(hint.split(separator: " ")[2])
        let shown = try parley(["conversations", "show", id])
        XCTAssertEqual(shown.exitCode, 0, shown.standardError)
        XCTAssertTrue(
            shown.standardOutput.contains("── user · ") && shown.standardOutput.contains("Describe these\nfiles:\n  image: lighthouse.png\n  document: notes.pdf"),
            "the upload and the link are recorded on the prompt:\n\(shown.standardOutput)")
    }

    func testFilesNeedDifyAndAReadablePath() throws {
        let openai = try parley(["send", "--base-url", base + "/v1", "--file-url", "https://example.com/a.png", "hi"])
        XCTAssertEqual(openai.exitCode, 64)
        XCTAssertTrue(openai.standardError.contains("--file and --file-url work with Dify apps only"), openai.standardError)
        let missing = try parley(["send", "--provider", "dify", "--base-url", base + "/v1", "--file", "/nonexistent/x.png", "hi"])
        XCTAssertEqual(missing.exitCode, 1)
        XCTAssertTrue(missing.standardError.hasPrefix("parley: Cannot read /nonexistent/x.png"), missing.standardError)
        XCTAssertFalse(requests.contains { $0.path.hasPrefix("/v1/chat-messages") }, "no turn is sent without its files")
    }
}
