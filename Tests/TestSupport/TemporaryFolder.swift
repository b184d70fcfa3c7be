import Foundation
import XCTest

/// Folders in the temporary directory that tests make, each removed again by whoever made it.
///
/// A test run used to leave dozens of folders behind; every helper that needs scratch space takes it from
/// here and removes it with `defer`, in `tearDown`, or through `XCTestCase.makeTemporaryFolder`.
public enum TemporaryFolder {
    /// Makes a fresh, empty folder named `prefix-UUID` in the temporary directory.
    public static func make(_ prefix: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Removes the folder and everything in it; one that is already gone is fine.
    public static func remove(_ folder: URL) {
        try? FileManager.default.removeItem(at: folder)
    }
}

extension XCTestCase {
    /// A fresh folder in the temporary directory, removed when this test ends, whether it passed or failed.
    public func makeTemporaryFolder(_ prefix: String) throws -> URL {
        let folder = try TemporaryFolder.make(prefix)
        addTeardownBlock { TemporaryFolder.remove(folder) }
        return folder
    }
}
