import Foundation

/// What a finished `parley` process left behind.
public struct CommandResult: Sendable {
    public var exitCode: Int32
    public var standardOutput: String
    public var standardError: String

    /// Standard output split into lines, without the empty last one.
    public var lines: [String] {
        standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
    }
}

/// Runs the built `parley` binary as a user would, isolated from the user's own config and data.
public enum ParleyBinary {
    /// `$PARLEY_BINARY`, else `.build/debug/parley` in the package.
    public static var path: String {
        if let path = ProcessInfo.processInfo.environment["PARLEY_BINARY"], !path.isEmpty { return path }
        return Fixtures.packageRoot.appendingPathComponent(".build/debug/parley").path
    }

    /// A fresh home for one test: config and data directories that start empty.
    public static func isolatedEnvironment(_ extra: [String: String] = [:]) throws -> [String: String] {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("parley-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        var environment = [
            "HOME": home.path, "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
            "XDG_DATA_HOME": home.appendingPathComponent("data").path, "OPENAI_API_KEY": "", "PARLEY_CONFIG": "",
        ]
        environment.merge(extra) { _, new in new }
        return environment
    }

    /// Runs `parley` with `arguments` and waits up to `timeout` seconds for it to exit.
    public static func run(_ arguments: [String], environment: [String: String]? = nil, timeout: Double = 30) throws -> CommandResult {
        let logs = FileManager.default.temporaryDirectory.appendingPathComponent("parley-run-\(UUID().uuidString)")
        let process = try SpawnedProcess(
            executable: path, arguments: arguments, environment: try environment ?? isolatedEnvironment(), logDirectory: logs)
        guard let status = process.waitForExit(timeout: timeout) else {
            process.stop()
            throw SpawnError(message: "parley \(arguments.joined(separator: " ")) did not exit within \(timeout) s\n\(process.output)")
        }
        let out = (try? String(contentsOf: process.stdoutFile, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOf: process.stderrFile, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: logs)
        let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return CommandResult(exitCode: exitCode, standardOutput: out, standardError: err)
    }
}
