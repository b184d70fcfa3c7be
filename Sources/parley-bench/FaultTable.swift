import Foundation

/// `parley-bench faults`: every fault against every provider kind through the real `parley send`, printed
/// as a Markdown table and, with `--readme`, written into the README between its marker comments.
///
/// A row that falls short of the bar (a clear message naming host:port, exit 1 for a failure and 0 for a
/// reply, what arrived stored, no key anywhere, peak RSS under 100 MB) says why in its verdict column.
struct FaultTable {
    static let beginMarker = "<!-- fault-table:begin (make faults writes this table; do not edit by hand) -->"
    static let endMarker = "<!-- fault-table:end -->"

    var parley: String
    /// Fault ids to run; all when empty.
    var only: [String] = []
    /// Provider kinds to run; all when empty.
    var kinds: [String] = []
    var readme: String?

    /// Runs the table and returns how many rows fell short of the bar.
    func run() async throws -> Int {
        let parley = URL(fileURLWithPath: parley).standardizedFileURL.path
        guard FileManager.default.isExecutableFile(atPath: parley) else {
            throw BenchError("no parley binary at \(parley); build it with `swift build` or pass --parley PATH")
        }
        guard FileManager.default.isExecutableFile(atPath: CommandRun.timeExecutable) else {
            throw BenchError("GNU time is not installed at \(CommandRun.timeExecutable) (Debian package time)")
        }
        let faults = FaultCatalog.all.filter { only.isEmpty || only.contains($0.id) }
        let providers = FaultProvider.all.filter { kinds.isEmpty || kinds.contains($0.kind) }
        let unknown = only.filter { id in !FaultCatalog.all.contains { $0.id == id } }
            + kinds.filter { kind in !FaultProvider.all.contains { $0.kind == kind } }
        guard unknown.isEmpty, !faults.isEmpty, !providers.isEmpty else {
            throw BenchError("unknown fault or provider: \(unknown.joined(separator: ", ")); faults are "
                + FaultCatalog.all.map(\.id).joined(separator: ", ") + "; providers are "
                + FaultProvider.all.map(\.kind).joined(separator: ", "))
        }
        ChildRegistry.shared.cleanUpOnSignals()
        let folder = try ChildRegistry.shared.makeScratchFolder("faults")
        defer { ChildRegistry.shared.removeScratchFolder(folder) }
        let environment = try EndToEndBenchmark.isolatedEnvironment(in: folder)
        var tls: (server: ChildProcess, port: Int)?
        if faults.contains(where: { if case .selfSignedTLS = $0.serving { true } else { false } }) {
            tls = try FaultListeners.selfSignedTLS(folder: folder, environment: environment)
        }
        defer { tls?.server.kill() }

        print("Parley fault table: \(parley) send against \(faults.count) faults x \(providers.count) providers")
        print(FaultRow.header)
        var rows: [FaultRow] = []
        for fault in faults {
            for provider in providers {
                let runFolder = folder + "/\(fault.id)-\(provider.kind)"
                try FileManager.default.createDirectory(atPath: runFolder, withIntermediateDirectories: true)
                let row = try await FaultRun(
                    parley: parley, fault: fault, provider: provider, environment: environment, folder: runFolder,
                    tlsPort: tls?.port
                ).run()
                try? FileManager.default.removeItem(atPath: runFolder)
                print(row.markdown)
                fflush(nil)
                rows.append(row)
            }
        }
        let bad = rows.filter { !$0.passes }.count
        print("fault table: \(rows.count - bad) of \(rows.count) rows meet the bar, \(bad) below it")
        if let readme { try write(rows, into: readme) }
        return bad
    }

    /// Replaces the text between the README's markers with the table.
    private func write(_ rows: [FaultRow], into path: String) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let begin = text.range(of: Self.beginMarker), let end = text.range(of: Self.endMarker),
              begin.upperBound <= end.lowerBound
        else {
            throw BenchError("\(path) lacks the markers \(Self.beginMarker) and \(Self.endMarker); add them where the table goes")
        }
        let bad = rows.filter { !$0.passes }.count
        let table = "\n" + FaultRow.header + "\n" + rows.map(\.markdown).joined(separator: "\n")
            + "\n\n\(rows.count - bad) of \(rows.count) rows meet the bar; \(bad) below it.\n"
        try (text[..<begin.upperBound] + table + text[end.lowerBound...]).write(toFile: path, atomically: true, encoding: .utf8)
        print("wrote the table into \(path)")
    }
}
