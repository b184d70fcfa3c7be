import ArgumentParser
import ChatModel
import Foundation
import Providers
import Sessions
import Store
import StreamTools

/// `parley lint`: what is odd about a stream, rule by rule, with where and why.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check a stream against the event-stream rules and its provider's protocol.",
        discussion: """
            SOURCE is a file (a Parley recording, a bare body, or a whole response as `curl -i` prints it; - \
            reads standard input) or the id of a stored conversation, message or run (or the first characters \
            of one): a conversation lints every run of its replies. Each finding names its rule, its severity \
            (error, warning, note), the record and byte offset where it first happened, how often, and why it \
            matters to a client. Recordings and stored runs carry timing, so silences and keep-alive cadence \
            are checked too; a stored run's request says whether usage was asked for. The exit status is 1 \
            when any finding is an error. `--rules` lists every rule.
            """)

    @OptionGroup var storage: StoreOptions

    @Option(help: "The protocol to check: \(Linter.protocols.joined(separator: ", ")) (default: the stored conversation's provider, else guessed from the events).")
    var provider: String?

    @Option(help: "Report silences longer than this many seconds (recordings and stored runs).")
    var maxGap: Double = LintInput.defaultGapThreshold

    @Flag(help: "One JSON line per finding.")
    var json = false

    @Flag(help: "List the rules and exit.")
    var rules = false

    @Argument(help: "A file, -, or a stored conversation, message or run id.")
    var source: String?

    func validate() throws {
        if let provider, !Linter.protocols.contains(provider) {
            throw ValidationError(
                "Unknown protocol \"\(provider)\" for --provider. Use one of: \(Linter.protocols.joined(separator: ", ")).")
        }
        if !(maxGap > 0 && maxGap.isFinite) {
            throw ValidationError("--max-gap must be a positive number of seconds, such as 30 (got \(maxGap)).")
        }
        if source == nil, !rules {
            throw ValidationError("Name a file, - for standard input, or a stored conversation, message or run id.")
        }
    }

    func run() throws {
        guard let source else {
            FileHandle.standardOutput.write(Data(LintPrinter.rules().utf8))
            return
        }
        var failed = false
        for target in try targets(source) {
            var input = target.input
            input.gapThreshold = maxGap
            let report = Linter.lint(input)
            failed = failed || report.hasErrors
            let output = json ? LintPrinter.jsonLines(report, label: target.label) : LintPrinter.text(report, label: target.label)
            FileHandle.standardOutput.write(Data(output.utf8))
        }
        if failed { throw ExitCode(1) }
    }

    /// A file when one exists at `source` (or `-`), else stored runs.
    private func targets(_ source: String) throws -> [LintSource.Target] {
        if source == "-" || FileManager.default.fileExists(atPath: source) {
            do {
                return [try LintSource.file(try readInput(source), name: source, provider: provider)]
            } catch let error as ValidationError {
                throw error
            } catch {
                throw ValidationError("\(source): \(error)")
            }
        }
        let store = try storage.open()
        let targets: [LintSource.Target]
        do {
            targets = try LintSource.stored(store, id: source, provider: provider)
        } catch let error as StoreError where error.kind == .notFound || error.kind == .invalidInput {
            throw ValidationError("\(error.message) (\(source) is not a file either.)")
        }
        guard !targets.isEmpty else {
            throw ValidationError("\(source) has no recorded streams: it was pulled from remote history or holds no replies.")
        }
        return targets
    }
}
