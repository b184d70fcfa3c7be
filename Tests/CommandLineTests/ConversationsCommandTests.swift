import FixtureServer
import Foundation
import TestSupport
import XCTest

/// `parley conversations …` end to end: the real binary on a real SQLite file, pulling from a real loopback server.
final class ConversationsCommandTests: CommandTestCase {
    private func pullDify() throws -> CommandResult {
        try parley(["conversations", "pull", "--provider", "dify", "--base-url", base + "/v1", "-o", "user=alice"])
    }

    /// The full id of the listed conversation with this title.
    private func id(titled title: String) throws -> String {
        let list = try parley(["conversations", "list", "--json", "--all"])
        let items = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [[String: Any]])
        return try XCTUnwrap(items.first { $0["title"] as? String == title }?["id"] as? String, list.standardOutput)
    }

    func testEmptyStoreSaysHowToStart() throws {
        let text = try parley(["conversations", "list"])
        XCTAssertEqual(text.exitCode, 0, text.standardError)
        XCTAssertTrue(text.standardOutput.hasPrefix("No conversations yet. Start one with `parley send"), text.standardOutput)
        let json = try parley(["conversations", "list", "--json"])
        XCTAssertEqual(json.standardOutput, "[]\n")
    }

    func testPullingDifyTwiceUpdatesInsteadOfDuplicating() throws {
        let first = try pullDify()
        XCTAssertEqual(first.exitCode, 0, first.standardError)
        XCTAssertEqual(first.standardOutput, "Pulled 3 dify conversations (3 new, 0 updated) with 18 messages (18 new, 0 updated).\n")
        let second = try pullDify()
        XCTAssertEqual(second.standardOutput, "Pulled 3 dify conversations (0 new, 3 updated) with 18 messages (0 new, 18 updated).\n")
        let list = try parley(["conversations", "list"])
        XCTAssertEqual(list.lines.count, 4, "a header and three conversations: \(list.standardOutput)")
        let requests = try XCTUnwrap(server?.receivedRequests)
        XCTAssertTrue(requests.contains { $0.path.hasPrefix("/v1/conversations?user=alice") }, "\(requests.map(\.path))")
        XCTAssertTrue(requests.contains { $0.path.hasPrefix("/v1/messages?conversation_id=8c4b7b0e-2f3a-4d51-9c1e-7d2a1f6e3b90") })
    }

    func testPullingHelixStoresSessionsWithTheirInteractions() throws {
        let pull = try parley(["conversations", "pull", "--provider", "helix", "--base-url", base])
        XCTAssertEqual(pull.exitCode, 0, pull.standardError)
        XCTAssertEqual(pull.standardOutput, "Pulled 3 helix conversations (3 new, 0 updated) with 12 messages (12 new, 0 updated).\n")
        let show = try parley(["conversations", "show", String(try id(titled: "Faroe Islands location").prefix(6))])
        XCTAssertEqual(show.exitCode, 0, show.standardError)
        XCTAssertTrue(show.standardOutput.hasPrefix("Faroe Islands location\nhelix · remote ses_01kdemo7p4r6t8v0x2z4b6d8fg · id "), show.standardOutput)
        XCTAssertTrue(show.standardOutput.contains("""
            ── user · 2026-01-01 09:40 ──
            where are the Faroe islands located?

            ── assistant · 2026-01-01 09:40 ──
            The Faroe Islands lie in the North Atlantic, about halfway between Iceland and Norway.
            usage: 31 prompt, 19 completion, 50 total tokens
            """), show.standardOutput)
    }

    func testProvidersWithoutAListEndpointSaySo() throws {
        for (kind, name) in [("hummingbird", "Big Hummingbird"), ("pais", "VMware Private AI")] {
            let result = try parley(["conversations", "pull", "--provider", kind, "--base-url", base])
            XCTAssertEqual(result.exitCode, 1, kind)
            XCTAssertTrue(result.standardError.hasPrefix("parley: \(name) has no endpoint that lists"), result.standardError)
        }
        XCTAssertEqual(server?.receivedRequests.count, 0, "nothing is asked of a server that cannot answer")
    }

    func testPullFailureNamesTheEndpoint() throws {
        let port = try LoopbackPort.free()
        let result = try parley(["conversations", "pull", "--provider", "dify", "--base-url", "http://127.0.0.1:\(port)/v1"])
        XCTAssertEqual(result.exitCode, 1)
        XCTAssertTrue(result.standardError.contains("could not list the conversations of dify at http://127.0.0.1:\(port)/v1"), result.standardError)
    }

    func testListShowsATableWithPinnedFirstAndArchivedHidden() throws {
        _ = try pullDify()
        let quota = try id(titled: "Quota trouble")
        XCTAssertEqual(try parley(["conversations", "pin", String(quota.prefix(8))]).standardOutput, "Pinned \(quota.prefix(8)) “Quota trouble”\n")
        let archived = try parley(["conversations", "archive", String(try id(titled: "Lighthouse picture").prefix(8))])
        XCTAssertTrue(archived.standardOutput.hasPrefix("Archived "), archived.standardOutput)
        let list = try parley(["conversations", "list"])
        XCTAssertEqual(list.lines.first, "ID        UPDATED           PROVIDER  MSGS  TITLE")
        XCTAssertEqual(list.lines.count, 3, list.standardOutput)
        XCTAssertEqual(list.lines[1], "\(quota.prefix(8))  2026-01-01 00:01  dify         6  Quota trouble  (pinned)")
        XCTAssertTrue(list.lines[2].hasSuffix("  dify         6  Chatflow about lighthouses"), list.lines[2])
        let all = try parley(["conversations", "list", "--all", "--limit", "2"])
        XCTAssertEqual(all.lines.count, 3)
        XCTAssertEqual(all.standardError, "parley: showing 2 of 3; --limit 3 shows them all.\n")
        let json = try parley(["conversations", "list", "--json", "--all"])
        let items = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
        XCTAssertEqual(items.count, 3)
        XCTAssertEqual(items[0]["pinned"] as? Bool, true)
        XCTAssertEqual(items[0]["messages"] as? Int, 6)
        XCTAssertEqual(items[0]["remote_id"] as? String, "45701982-8118-4bc5-8e9b-64562b4555f2")
        XCTAssertEqual(items.last?["archived"] as? Bool, true)
        XCTAssertEqual(try parley(["conversations", "pin", "--undo", String(quota.prefix(8))]).standardOutput, "Unpinned \(quota.prefix(8)) “Quota trouble”\n")
    }

    func testSearchBracketsTheMatchedWords() throws {
        _ = try parley(["conversations", "pull", "--provider", "helix", "--base-url", base])
        let result = try parley(["conversations", "search", "Bergen"])
        XCTAssertEqual(result.exitCode, 0, result.standardError)
        XCTAssertEqual(result.lines.count, 6, "three sessions hold the word, two lines each: \(result.standardOutput)")
        XCTAssertTrue(result.lines[1].contains("[Bergen] is about 675 km east of Tórshavn."), result.lines[1])
        XCTAssertTrue(result.lines[1].hasPrefix("    "))
        let json = try parley(["conversations", "search", "--json", "lighthouse history"])
        let hits = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
        XCTAssertEqual(hits.first?["title"] as? String, "Lighthouse history")
        let matches = try XCTUnwrap(hits.first?["matches"] as? [[String: Any]])
        XCTAssertEqual(matches.map { $0["text"] as? String }, ["Lighthouse", "history"])
        XCTAssertEqual(matches.first?["offset"] as? Int, 0)
        let none = try parley(["conversations", "search", "zeppelin"])
        XCTAssertEqual(none.standardOutput, "No conversation matches “zeppelin”.\n")
    }

    func testShowPrintsStepsCitationsFilesAndHowAFailedReplyEnded() throws {
        _ = try pullDify()
        let show = try parley(["conversations", "show", try id(titled: "Lighthouse picture")])
        XCTAssertEqual(show.exitCode, 0, show.standardError)
        let text = show.standardOutput
        for expected in [
            "  1. agent_thought current_time (completed)\n     input:   {\"current_time\": {\"timezone\": \"Atlantic/Faroe\"",
            "     output:  {\"current_time\": \"2026-01-01 09:41:07 WET\"}\n",
            "citations:\n  [1] travel-notes.pdf — Faroe Islands guide (score 0.651)\n      Local time on the Faroe Islands",
            "files:\n  image: e0f1a2b3-c4d5-4e6f-8a7b-9c0d1e2f3a4b.png <https://dify.example.com/files/tools/",
            "── assistant · 2026-01-01 00:01 · failed ──\n(the reply failed: Stream error: [openai] Rate Limit Error",
        ] {
            XCTAssertTrue(text.contains(expected), "missing \(expected) in:\n\(text)")
        }
    }

    func testRenameAndDeleteSayWhatTheyDid() throws {
        _ = try pullDify()
        let id = try id(titled: "Quota trouble")
        let renamed = try parley(["conversations", "rename", String(id.prefix(5)), "Out", "of", "quota"])
        XCTAssertEqual(renamed.standardOutput, "Renamed \(id.prefix(8)): “Quota trouble” → “Out of quota”\n")
        let deleted = try parley(["conversations", "delete", String(id.prefix(8))])
        XCTAssertEqual(deleted.standardOutput, "Deleted \(id) “Out of quota” (6 messages and their raw streams).\n")
        let again = try parley(["conversations", "show", id])
        XCTAssertEqual(again.exitCode, 64)
        XCTAssertTrue(again.standardError.contains("No conversation with id \(id). `parley conversations list` shows them."), again.standardError)
    }

    func testControlCharactersInTitlesAreShownNotObeyed() throws {
        _ = try pullDify()
        let id = try id(titled: "Quota trouble")
        _ = try parley(["conversations", "rename", id, "\u{1B}]0;pwned\u{07}Quota"])
        let list = try parley(["conversations", "list"])
        XCTAssertFalse(list.standardOutput.contains("\u{1B}"), list.standardOutput)
        XCTAssertTrue(list.standardOutput.contains("\u{241B}]0;pwned\u{2407}Quota"), list.standardOutput)
    }

    func testDatabaseOptionChoosesTheFile() throws {
        let file = URL(fileURLWithPath: environment["HOME"]!).appendingPathComponent("elsewhere/mine.sqlite").path
        let pull = try parley(["conversations", "pull", "--provider", "helix", "--base-url", base, "--database", file])
        XCTAssertEqual(pull.exitCode, 0, pull.standardError)
        XCTAssertTrue(FileManager.default.fileExists(atPath: file))
        XCTAssertEqual(try parley(["conversations", "list", "--database", file]).lines.count, 4)
        XCTAssertEqual(try parley(["conversations", "list", "--json"]).standardOutput, "[]\n", "the default file is untouched")
        environment["PARLEY_DB"] = file
        XCTAssertEqual(try parley(["conversations", "list"]).lines.count, 4, "PARLEY_DB names the file too")
    }
}
