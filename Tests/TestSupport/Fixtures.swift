import Foundation

/// Locates the committed test fixtures under `Tests/Fixtures`, wherever the tests run from.
public enum Fixtures {
    /// The repository root, found from this source file's own path.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/Fixtures`.
    public static let directory: URL = packageRoot.appendingPathComponent("Tests/Fixtures")

    /// The bytes of one fixture, by path relative to `Tests/Fixtures`.
    public static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(relativePath)))
    }

    /// Every fixture file below a folder of `Tests/Fixtures` whose name ends with one of the extensions.
    public static func files(in folder: String, extensions: Set<String>) throws -> [URL] {
        let root = directory.appendingPathComponent(folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        return names.map { root.appendingPathComponent($0) }.filter { extensions.contains($0.pathExtension) }
    }
}
