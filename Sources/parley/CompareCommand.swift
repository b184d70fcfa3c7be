import ArgumentParser
import Foundation
import Sessions
import Store
import StreamTools

/// `parley compare`: two stored runs side by side.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Set two stored runs side by side: timing, tokens, price, events, how each ended, steps, and a word diff.",
        discussion: """
            A and B are conversation, message or run ids, or the first characters of one: a conversation stands \
            for its latest reply's latest run, a message for its latest run (a retried reply has several; name \
            a run to pick an earlier one). Figures that differ show the change from A to B. The word diff marks \
            removed text [-like this-] and added text {+like this+}, or in colour on a terminal.
            """)

    @OptionGroup var storage: StoreOptions

    @Flag(help: "One JSON object instead of text.")
    var json = false

    @Argument(help: "The first run: a conversation, message or run id.")
    var a: String

    @Argument(help: "The second run: a conversation, message or run id.")
    var b: String

    func run() throws {
        let store = try storage.open()
        let comparison: RunComparison
        do {
            comparison = RunComparison(try ComparisonSource.run(store, id: a), try ComparisonSource.run(store, id: b))
        } catch let error as StoreError where error.kind == .notFound || error.kind == .invalidInput {
            throw ValidationError(error.message)
        }
        let output = json
            ? ComparisonPrinter.json(comparison)
            : ComparisonPrinter.text(comparison, colour: isatty(STDOUT_FILENO) != 0 && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty)
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}
