import Foundation
import TestSupport
import XCTest

/// `make install-files` (what `make install` runs after its release build) puts a working Parley under a
/// prefix: the binary finds its themes there, `man -l` shows the generated page, completions exist for bash,
/// zsh and fish, and `make uninstall` takes it all away again.
final class InstallTests: XCTestCase {
    private var root: URL { Fixtures.packageRoot }

    /// Runs a program to its end (bounded), returning its status and standard output.
    private func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> (Int32, String) {
        let logs = try makeTemporaryFolder("parley-install-logs")
        let process = try SpawnedProcess(executable: executable, arguments: arguments, environment: environment, logDirectory: logs)
        guard let status = process.waitForExit(timeout: 60) else {
            process.stop()
            throw SpawnError(message: "\(executable) \(arguments.joined(separator: " ")) did not exit within 60 s")
        }
        let out = (try? String(contentsOf: process.stdoutFile, encoding: .utf8)) ?? ""
        XCTAssertEqual(status, 0, "\(executable) \(arguments): " + ((try? String(contentsOf: process.stderrFile, encoding: .utf8)) ?? ""))
        return (status, out)
    }

    /// The man page, made from the command definitions by the generate-manual tool that `make test` builds
    /// (SwiftPM's plugin cannot be run from inside `swift test`, which holds the build folder).
    private func manPage(for binary: String) throws -> String {
        let tool = root.appendingPathComponent(".build/debug/generate-manual-tool").path
        guard FileManager.default.isExecutableFile(atPath: tool) else {
            throw XCTSkip("No \(tool): run `make test`, or `swift package generate-manual --configuration debug` once.")
        }
        let folder = try makeTemporaryFolder("parley-man")
        _ = try run(tool, [binary, "--output-directory", folder.path])
        return folder.appendingPathComponent("parley.1").path
    }

    func testInstallFilesGivesAWorkingBinaryWithThemesManPageAndCompletionsAndUninstallRemovesThem() throws {
        let binary = ParleyBinary.path
        let prefix = try makeTemporaryFolder("parley-prefix")
        let man = try manPage(for: binary)
        _ = try run("/usr/bin/make", [
            "-C", root.path, "--no-print-directory", "install-files", "BIN=\(binary)", "MAN=\(man)", "PREFIX=\(prefix.path)",
        ])
        let installed = prefix.appendingPathComponent("bin/parley").path
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: installed))

        let (_, version) = try run(installed, ["--version"])
        let (_, built) = try run(binary, ["--version"])
        XCTAssertEqual(version, built)

        let home = try makeTemporaryFolder("parley-home")
        let (_, doctor) = try runAllowingFailure(installed, ["doctor"], environment: ParleyBinary.isolatedEnvironment(in: home))
        let themes = doctor.split(separator: "\n").first { $0.contains("themes:") } ?? ""
        XCTAssertTrue(
            themes.hasPrefix("ok") && themes.contains(prefix.appendingPathComponent("share/parley/themes").path)
                && themes.contains("default, high-contrast, light"),
            "the installed binary finds the installed themes: \(doctor)")

        let (_, page) = try run("/usr/bin/man", ["-l", prefix.appendingPathComponent("share/man/man1/parley.1").path],
            environment: ["MANPAGER": "cat", "PAGER": "cat", "MANWIDTH": "100"])
        XCTAssertTrue(page.contains("doctor"), page)
        XCTAssertTrue(page.contains("--log-file"), page)
        XCTAssertTrue(page.contains("PARLEY(1)"), page)

        for (file, needle) in [
            ("share/bash-completion/completions/parley", "doctor"), ("share/zsh/site-functions/_parley", "#compdef parley"),
            ("share/fish/vendor_completions.d/parley.fish", "doctor"),
        ] {
            let text = try String(contentsOf: prefix.appendingPathComponent(file), encoding: .utf8)
            XCTAssertTrue(text.contains(needle), "\(file) lacks \(needle)")
        }

        _ = try run("/usr/bin/make", ["-C", root.path, "--no-print-directory", "uninstall", "PREFIX=\(prefix.path)"])
        let left = FileManager.default.enumerator(atPath: prefix.path)?.compactMap { $0 as? String }.filter {
            var folder: ObjCBool = false
            FileManager.default.fileExists(atPath: prefix.appendingPathComponent($0).path, isDirectory: &folder)
            return !folder.boolValue
        } ?? []
        XCTAssertEqual(left, [], "uninstall removes every installed file")
    }

    private func runAllowingFailure(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> (Int32, String) {
        let logs = try makeTemporaryFolder("parley-install-logs")
        let process = try SpawnedProcess(executable: executable, arguments: arguments, environment: environment, logDirectory: logs)
        guard let status = process.waitForExit(timeout: 60) else {
            process.stop()
            throw SpawnError(message: "\(executable) did not exit within 60 s")
        }
        return (status, (try? String(contentsOf: process.stdoutFile, encoding: .utf8)) ?? "")
    }
}
