import ChatModel
import Foundation
import XCTest

@testable import Store

final class MigrationTests: StoreTestCase {
    func testEmptyFileIsCreatedAtCurrentVersionInWALMode() throws {
        let nested = directory.appendingPathComponent("a/b/parley.sqlite").path
        let store = try SQLiteStore(path: nested, environment: [:])
        XCTAssertEqual(store.fileSchemaVersion, SQLiteStore.schemaVersion)
        XCTAssertTrue(FileManager.default.fileExists(atPath: nested))
        let mode = try store.locked { try $0.scalarText("PRAGMA journal_mode") }
        XCTAssertEqual(mode, "wal")
        XCTAssertEqual(try store.locked { try $0.scalarInt("PRAGMA foreign_keys") }, 1)
    }

    func testEachOlderVersionMigratesForwardKeepingData() throws {
        for version in 0..<SQLiteStore.schemaVersion {
            let path = directory.appendingPathComponent("v\(version).sqlite").path
            let old = try SQLiteStore(path: path, migratingTo: version)
            XCTAssertEqual(old.fileSchemaVersion, version)
            if version >= 1 {
                try insertOld(conversation: "c1", title: "Quarterly Tälly review", into: old)
                try insertOld(message: "m1", in: "c1", text: "hello migration world", into: old)
            }
            let store = try SQLiteStore(path: path, environment: [:])
            XCTAssertEqual(store.fileSchemaVersion, SQLiteStore.schemaVersion, "from version \(version)")
            if version >= 1 {
                XCTAssertEqual(try store.search("migration").map(\.messageID), ["m1"], "from version \(version)")
                XCTAssertEqual(try store.search("tally").map(\.conversationID), ["c1"], "from version \(version)")
            }
        }
    }

    func testVersion2FileGetsLongerPrefixIndexesKeepingItsDataSearchable() throws {
        let old = try SQLiteStore(path: databasePath, migratingTo: 2)
        try insertOld(conversation: "c1", title: "Streaming benchmarks", into: old)
        try insertOld(message: "m1", in: "c1", text: "the quartermaster reported", into: old)
        try insertOld(
            message: "live", in: "c1", role: "assistant", text: "half a sentence", status: "streaming", position: 1,
            into: old)
        XCTAssertEqual(try old.search("quartermaster").map(\.messageID), ["m1"])

        let migrated = try SQLiteStore(path: databasePath, migratingTo: 3)
        XCTAssertEqual(migrated.fileSchemaVersion, 3)
        XCTAssertEqual(try migrated.locked { try $0.scalarInt("PRAGMA user_version") }, 3)
        let definitions = try migrated.locked { db in
            let select = try db.prepare("SELECT sql FROM sqlite_master WHERE name IN ('conversation_fts', 'message_fts')")
            var sql: [String] = []
            while try select.step() { sql.append(select.text(0)) }
            return sql
        }
        XCTAssertEqual(definitions.count, 2)
        XCTAssertTrue(definitions.allSatisfy { $0.contains("prefix='2 3 4 5 6'") }, "\(definitions)")
        XCTAssertEqual(try migrated.search("quar").map(\.messageID), ["m1"])
        XCTAssertEqual(try migrated.search("quarte").map(\.messageID), ["m1"])
        XCTAssertEqual(try migrated.search("reported quartermast").map(\.messageID), ["m1"])
        XCTAssertEqual(try migrated.search("stream").map(\.conversationID), ["c1"])
        XCTAssertEqual(try migrated.search("half sentence"), [], "a reply still streaming stays out of the index")

        let store = try SQLiteStore(path: databasePath, environment: [:])
        XCTAssertEqual(store.recoveredMessageIDs, ["live"])
        XCTAssertEqual(try store.search("half sentence").map(\.messageID), ["live"], "the triggers index the rebuilt tables")
        try store.rename(conversation: "c1", to: "Renamed afterwards")
        XCTAssertEqual(try store.search("renam").map(\.conversationID), ["c1"])
        XCTAssertEqual(try store.search("streaming"), [])
        try store.delete(conversation: "c1")
        XCTAssertEqual(try store.search("quartermaster"), [])
        assertSearchIndexIntact(store)
    }

    func testAVersion5FileIndexesTheFirst128KCharactersOfALongMessage() throws {
        let old = try SQLiteStore(path: databasePath, migratingTo: 5)
        try insertOld(conversation: "c1", title: "Long", into: old)
        let filler = String(repeating: "fülle ", count: Migrations.v6IndexedCharacters / 6)  // 2 bytes in ü
        try insertOld(message: "m1", in: "c1", role: "assistant", text: "aardvark " + filler + " zeppelin", into: old)

        let store = try openStore()
        XCTAssertEqual(try store.search("aardvark").map(\.messageID), ["m1"])
        XCTAssertEqual(try store.search("zeppelin"), [])
        assertSearchIndexIntact(store)
        var message = try XCTUnwrap(try store.message(id: "m1"))
        message.text = "rewritten " + filler + " again"
        try store.save(message, in: "c1")
        XCTAssertEqual(try store.search("aardvark"), [])
        XCTAssertEqual(try store.search("rewritten").map(\.messageID), ["m1"])
        assertSearchIndexIntact(store)
    }

    func testAVersion6FileKeepsItsLongStreamingRepliesSearchableOnceAfterRecovery() throws {
        let old = try SQLiteStore(path: databasePath, migratingTo: 6)
        try insertOld(conversation: "c1", title: "Long", into: old)
        let filler = String(repeating: "filler ", count: Migrations.v6IndexedCharacters / 7)
        try insertOld(message: "long", in: "c1", role: "assistant", text: "aardvark " + filler, status: "streaming", into: old)
        try insertOld(message: "short", in: "c1", role: "assistant", text: "xylophone", status: "streaming", position: 1, into: old)
        try old.locked { db in
            try db.execute("UPDATE messages SET search_prefix = substr(text, 1, \(Migrations.v6IndexedCharacters)) WHERE id = 'long'")
        }

        // Opening migrates the file, then recovery finds both replies' writers gone and marks them interrupted;
        // the long one must be in the index once, whatever order that happens in.
        let store = try openStore()
        XCTAssertEqual(store.fileSchemaVersion, SQLiteStore.schemaVersion)
        XCTAssertEqual(try store.message(id: "long")?.status, .interrupted)
        XCTAssertEqual(try store.search("aardvark").map(\.messageID), ["long"])
        XCTAssertEqual(try store.search("xylophone").map(\.messageID), ["short"])
        assertSearchIndexIntact(store)
    }

    func testUpgradeLeavesNoWriteAheadLogBehind() throws {
        let old = try SQLiteStore(path: databasePath, migratingTo: 2)
        try insertOld(conversation: "big", title: "Big", into: old)
        for i in 0..<300 {
            try insertOld(
                message: "m\(i)", in: "big", role: "assistant", text: String(repeating: "word\(i) filler\(i % 7) ", count: 40),
                position: i, into: old)
        }
        let store = try openStore()
        XCTAssertEqual(store.fileSchemaVersion, SQLiteStore.schemaVersion)
        let log = try FileManager.default.attributesOfItem(atPath: databasePath + "-wal")[.size] as? Int
        XCTAssertEqual(log, 0)
        XCTAssertEqual(try store.search("word299").count, 1)
    }

    func testNewerDatabaseIsRefusedAndLeftUnchanged() throws {
        _ = try openStore()
        let db = try Database(path: databasePath)
        try db.execute("PRAGMA user_version = 99")
        db.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: databasePath))
        XCTAssertThrowsError(try openStore()) { error in
            let storeError = error as? StoreError
            XCTAssertEqual(storeError?.kind, .newerSchema)
            XCTAssertTrue(storeError?.message.contains(self.databasePath) ?? false)
            XCTAssertTrue(storeError?.message.contains("newer Parley") ?? false)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: databasePath)), before)
    }

    func testGarbageFileGivesAMessageWithThePath() throws {
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: databasePath))
        XCTAssertThrowsError(try openStore()) { error in
            XCTAssertEqual((error as? StoreError)?.kind, .notADatabase)
            XCTAssertTrue("\(error)".contains(self.databasePath))
        }
    }

    func testDirectoryThatIsAFileGivesAMessageWithWhatToDo() throws {
        let blocker = directory.appendingPathComponent("blocker")
        try Data("x".utf8).write(to: blocker)
        XCTAssertThrowsError(try SQLiteStore(path: blocker.path + "/parley.sqlite", environment: [:])) { error in
            XCTAssertEqual((error as? StoreError)?.kind, .cannotOpen)
            XCTAssertTrue("\(error)".contains("PARLEY_DB"))
        }
    }

    func testLocationFollowsExplicitThenEnvironmentThenXDG() {
        XCTAssertEqual(StoreLocation.resolve(explicit: "/x/y.db", environment: ["PARLEY_DB": "/env.db"]), "/x/y.db")
        XCTAssertEqual(StoreLocation.resolve(environment: ["PARLEY_DB": "~/p.db", "HOME": "/home/u"]), "/home/u/p.db")
        XCTAssertEqual(
            StoreLocation.resolve(environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/u"]), "/data/parley/parley.sqlite")
        XCTAssertEqual(
            StoreLocation.resolve(environment: ["HOME": "/home/u"]), "/home/u/.local/share/parley/parley.sqlite")
        XCTAssertEqual(
            StoreLocation.resolve(environment: ["XDG_DATA_HOME": "relative", "HOME": "/home/u"]),
            "/home/u/.local/share/parley/parley.sqlite")
    }
}
