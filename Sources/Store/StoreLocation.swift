import Foundation

/// Where the database file lives: an explicit path, else `PARLEY_DB`, else the XDG data directory.
///
/// Resolution is separate from opening so `parley` can print the path it will use, and tests can resolve with
/// a made-up environment.
public enum StoreLocation {
    public static let fileName = "parley.sqlite"

    /// The database path for the given explicit path and environment.
    public static func resolve(
        explicit: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        if let explicit, !explicit.isEmpty { return expandTilde(explicit, environment: environment) }
        if let fromEnv = environment["PARLEY_DB"], !fromEnv.isEmpty {
            return expandTilde(fromEnv, environment: environment)
        }
        let dataHome: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            dataHome = xdg
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            dataHome = home + "/.local/share"
        }
        return dataHome + "/parley/" + fileName
    }

    /// Creates the directory that will hold `path`, with a message naming it when that fails.
    static func prepareDirectory(for path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        guard !directory.isEmpty else { return }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            if !isDirectory.boolValue {
                throw StoreError(
                    kind: .cannotOpen,
                    message: "Cannot create the Parley database at \(path): \(directory) is a file, not a directory. "
                        + "Move it aside or choose another file with PARLEY_DB.")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError(
                kind: .cannotOpen,
                message: "Cannot create the directory \(directory) for the Parley database: "
                    + "\(error.localizedDescription). Create it yourself or choose another file with PARLEY_DB.")
        }
    }

    private static func expandTilde(_ path: String, environment: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + path.dropFirst()
    }
}
