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

    /// An environment whose home is `home` (an empty folder the caller owns and removes): config and data
    /// directories that start empty, and no key or config of the user's.
    public static func isolatedEnvironment(in home: URL, _ extra: [String: String] = [:]) -> [String: String] {
        var environment = [
            "HOME": home.path, "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
            "XDG_DATA_HOME": home.appendingPathComponent("data").path, "OPENAI_API_KEY": "", "PARLEY_CONFIG": "",
        ]
        environment.merge(extra) { _, new in new }
        return environment
    }

    /// Runs `parley` with `arguments` and waits up to `timeout` seconds for it to exit; without an
    /// `environment` it runs in a fresh home that is removed afterwards, as are its output files.
    /// `input` is what standard input reads (else nothing).
    public static func run(
        _ arguments: [String], environment: [String: String]? = nil, timeout: Double = 30, input: [UInt8]? = nil
    ) throws -> CommandResult {
        guard let environment else {
            let home = try TemporaryFolder.make("parley-test")
            defer { TemporaryFolder.remove(home) }
            return try run(arguments, environment: isolatedEnvironment(in: home), timeout: timeout, input: input)
        }
        let logs = try TemporaryFolder.make("parley-run")
        defer { TemporaryFolder.remove(logs) }
        var inputFile: URL?
        if let input {
            inputFile = logs.appendingPathComponent("stdin")
            try Data(input).write(to: inputFile!)
        }
        let process = try SpawnedProcess(
            executable: path, arguments: arguments, environment: environment, logDirectory: logs, input: inputFile)
        guard let status = process.waitForExit(timeout: timeout) else {
            process.stop()
            throw SpawnError(message: "parley \(arguments.joined(separator: " ")) did not exit within \(timeout) s\n\(process.output)")
        }
        let out = (try? String(contentsOf: process.stdoutFile, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOf: process.stderrFile, encoding: .utf8)) ?? ""
        let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return CommandResult(exitCode: exitCode, standardOutput: out, standardError: err)
    }
}
