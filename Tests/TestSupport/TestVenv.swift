import Foundation

/// The Python virtualenv holding the test peers (`make test-deps`), such as `fakellm`.
public enum TestVenv {
    /// `PARLEY_TEST_VENV`, else `<package root>/.venv`; nil when that folder has no `bin/python3`.
    public static var directory: URL? {
        let path = ProcessInfo.processInfo.environment["PARLEY_TEST_VENV"].flatMap { $0.isEmpty ? nil : $0 }
        let root = path.map { URL(fileURLWithPath: $0) } ?? Fixtures.packageRoot.appendingPathComponent(".venv")
        let python = root.appendingPathComponent("bin/python3")
        return FileManager.default.isExecutableFile(atPath: python.path) ? root : nil
    }

    /// A program installed in the venv's `bin`, or nil when the venv or the program is missing.
    public static func executable(_ name: String) -> URL? {
        guard let file = directory?.appendingPathComponent("bin/\(name)"),
            FileManager.default.isExecutableFile(atPath: file.path)
        else { return nil }
        return file
    }
}
