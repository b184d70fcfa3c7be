import ArgumentParser
import Foundation
import Providers
import Sessions
import TerminalUI
import Workbench
import WorkbenchApp

/// `parley replay FILE` on a terminal: the workbench on the recording, which quits when the replay is left.
enum ReplayScreen {
    static func run(_ source: ReplaySource, file: String, kind: String, options: ReplayTapes.Options) async throws {
        let tape: ReplayTape
        do {
            tape = try ReplayTapes.file(source, name: file, kind: kind, options: options)
        } catch {
            throw ValidationError("\(error) Use --provider sse to see the bare event stream.")
        }
        let label = "\(kind) · \(file == "-" ? "standard input" : URL(fileURLWithPath: file).lastPathComponent)"
        let status = try await WorkbenchApp.run(try AppConfiguration.replaying(tape, label: label, theme: .standard))
        if status != 0 { throw ExitCode(status) }
    }

    /// The provider kind to decode with: the one given, else the kind whose chat path the recorded request
    /// went to.
    static func kind(_ given: String?, for source: ReplaySource, file: String) throws -> String {
        if let given { return given }
        let url = source.recording.request.url
        let path = URLComponents(string: url)?.percentEncodedPath ?? url
        if let kind = ClientTurn.kind(forPath: path) { return kind }
        let why = source.isTimed ? "its request's path (\(url.isEmpty ? "none" : path)) names none" : "it carries no request"
        throw ValidationError(
            "Which API is \(file)? \(why.prefix(1).uppercased() + why.dropFirst()). Give --provider KIND "
                + "(\(ProviderCatalog.kinds.joined(separator: ", "))), or --provider sse for the bare event stream.")
    }
}
