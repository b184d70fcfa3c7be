import ArgumentParser
import ChatModel
import Foundation
import Providers
import Sessions
import Wire

/// `parley send`: one turn, streamed to standard output.
struct SendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send one prompt and stream the reply to standard output.",
        discussion: """
            Text mode writes only the answer to standard output; reasoning, tool calls and errors go to standard \
            error. --jsonl writes one normalized event per line. Exit status: 0 when the turn finished, 1 when it \
            failed, 130 when cancelled with Ctrl-C.
            """)

    @OptionGroup var endpoint: EndpointOptions

    @Flag(help: "One JSON line per normalized event instead of plain text.")
    var jsonl = false

    @Flag(name: .customLong("no-stream"), help: "Ask for one blocking reply instead of a stream.")
    var noStream = false

    @Option(help: "A system message to send before the prompt.")
    var system: String?

    @Argument(help: "The prompt; - reads it from standard input.")
    var prompt: [String]

    func run() async throws {
        let text = prompt == ["-"] ? String(decoding: try readInput("-"), as: UTF8.self) : prompt.joined(separator: " ")
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ValidationError("The prompt is empty: give it as arguments, or - to read standard input.")
        }
        guard let resolved = try endpoint.resolve() else {
            throw ValidationError(
                "No endpoint: give --base-url (and --provider), or --profile NAME from the config file, or set a default profile.")
        }
        let provider: any ChatProvider
        do {
            provider = try ProviderCatalog.provider(for: resolved.settings)
        } catch {
            throw ValidationError("\(error)")
        }
        let runner = TurnRunner(provider: provider, transport: CurlTransport(), options: endpoint.transportOptions)
        var messages: [ChatMessage] = []
        if let system { messages.append(ChatMessage(role: .system, content: system)) }
        messages.append(ChatMessage(role: .user, content: text))
        let run = runner.start(TurnRequest(messages: messages, stream: !noStream))
        let interrupt = InterruptHandler { run.cancel() }
        defer { interrupt.stop() }

        var printer = EventPrinter(mode: jsonl ? .jsonLines : .text)
        var outcome: StreamEvent?
        for await update in run.updates {
            guard case .records(let records) = update else { continue }
            let events = records.flatMap(\.events)
            let output = printer.output(for: events)
            FileHandle.standardOutput.write(Data(output.standardOutput.utf8))
            FileHandle.standardError.write(Data(output.standardError.utf8))
            outcome = events.last(where: \.isTerminal) ?? outcome
        }
        if case .failed(let error) = outcome {
            throw ExitCode(error.kind == .cancelled ? 130 : 1)
        }
    }
}

/// Runs an action on Ctrl-C instead of dying, so a cancelled turn still prints what it received.
final class InterruptHandler {
    private let source: any DispatchSourceSignal

    init(_ action: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler(handler: action)
        source.resume()
    }

    func stop() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
