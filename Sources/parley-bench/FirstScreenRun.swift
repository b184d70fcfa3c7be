import Foundation

/// Times the real workbench's first screen on a given store: from starting it in tmux until the composer and
/// an expected conversation title are on screen.
///
/// The time includes starting tmux and the process, so it is reported beside the same run on an empty store;
/// the difference is what the store's size costs the user.
struct FirstScreenRun {
    var parley: String
    var folder: String

    /// The median of `times` starts on `database`, waiting for `expected` (nil: the composer alone); nil when
    /// a start did not show it within 20 s.
    func median(database: String, expected: String?, times: Int = 3) throws -> Double? {
        var samples: [Double] = []
        for _ in 0..<times {
            guard let seconds = try once(database: database, expected: expected) else { return nil }
            samples.append(seconds)
        }
        return StoreBenchmark.percentile(samples, 0.5)
    }

    private func once(database: String, expected: String?) throws -> Double? {
        let command = "exec '\(parley)' --base-url http://127.0.0.1:9/v1 --model m --database '\(database)' 2>/dev/null"
        let environment = try EndToEndBenchmark.isolatedEnvironment(in: folder)
        let start = StoreBenchmark.now()
        let tmux = try TmuxScreen(columns: 120, rows: 36, command: command, directory: folder, environment: environment)
        defer { tmux.close() }
        let shown = try tmux.wait(seconds: 20, interval: 0.002) { screen in
            WorkbenchRun.composer(in: screen) != nil && (expected.map { screen.contains($0) } ?? true)
        }
        return shown.met ? StoreBenchmark.now() - start : nil
    }
}
