import ChatModel
import Foundation
import XCTest

@testable import Store

/// The database holds every prompt and reply: its files are readable by their owner alone.
final class FilePermissionTests: StoreTestCase {
    private func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try XCTUnwrap(attributes[.posixPermissions] as? Int) & 0o777
    }

    func testANewDatabaseItsWriteAheadFilesAndItsFoldersAreOwnerOnly() throws {
        let nested = directory.appendingPathComponent("new/parley")
        let path = nested.appendingPathComponent("parley.sqlite").path
        let previous = umask(0o022)
        defer { umask(previous) }
        let store = try SQLiteStore(path: path, environment: [:]) { UUID().uuidString }
        try store.save(Conversation(id: "c1", title: "private", provider: "openai", createdAt: Date()))
        for suffix in ["", "-wal", "-shm"] {
            let file = path + suffix
            XCTAssertTrue(FileManager.default.fileExists(atPath: file), "\(file) exists while the store is open")
            XCTAssertEqual(try mode(file), 0o600, "\(file) is the owner's alone")
        }
        XCTAssertEqual(try mode(nested.path), 0o700)
        XCTAssertEqual(try mode(directory.appendingPathComponent("new").path), 0o700)
        _ = store
    }
}
