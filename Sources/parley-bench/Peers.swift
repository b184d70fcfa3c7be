import Foundation

/// The terminal chat clients that `parley-bench e2e --peers` measures beside Parley, each installed from PyPI
/// into a virtualenv of its own under one folder (`make bench-peers` makes `.venv-peers/llm`, `/elia`, `/oterm`).
///
/// A peer that is not installed is reported as such, never measured with numbers from elsewhere.
struct Peers {
    enum Kind: String, CaseIterable {
        case llm, elia, oterm

        /// The command the peer's package installs.
        var command: String { rawValue }

        /// The package's name in its `.dist-info` folder, where its version is read from.
        var distribution: String { self == .elia ? "elia_chat" : rawValue }
    }

    /// The folder holding one virtualenv per peer.
    var folder: String
    /// The peers to run, in this order.
    var selected: [Kind] = Kind.allCases
    /// How long one peer's run may take before it is killed and reported as not finished.
    var timeout: Double = 120

    /// The peer's command, if its virtualenv has it.
    func executable(_ kind: Kind) -> String? {
        let path = "\(folder)/\(kind.rawValue)/bin/\(kind.command)"
        return FileManager.default.isExecutableFile(atPath: path) ? URL(fileURLWithPath: path).standardizedFileURL.path : nil
    }

    /// The peer's name and installed version as printed in the client column, such as "elia 1.10.0".
    func label(_ kind: Kind) -> String {
        let lib = "\(folder)/\(kind.rawValue)/lib"
        let prefix = kind.distribution + "-"
        for python in (try? FileManager.default.contentsOfDirectory(atPath: lib)) ?? [] {
            let packages = "\(lib)/\(python)/site-packages"
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: packages)) ?? []
            where entry.hasPrefix(prefix) && entry.hasSuffix(".dist-info") {
                return "\(kind.rawValue) " + entry.dropFirst(prefix.count).dropLast(".dist-info".count)
            }
        }
        return kind.rawValue
    }

    /// Parses a comma-separated `--peer` value such as "llm,elia".
    static func kinds(_ text: String) -> [Kind]? {
        let kinds = text.split(separator: ",").map { Kind(rawValue: $0.trimmingCharacters(in: .whitespaces)) }
        return kinds.isEmpty || kinds.contains(nil) ? nil : kinds.compactMap { $0 }
    }
}
