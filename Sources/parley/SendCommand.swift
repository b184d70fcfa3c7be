import ArgumentParser
import ChatModel
import Foundation
import Providers
import Sessions
import Store
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

            Control characters in what the server sends (escape sequences that could recolour, clear or retitle \
            the terminal, or write its clipboard) are shown visibly, as ␛ and ⟨9B⟩, on standard error and on a \
            standard output that is a terminal. When standard output is not a terminal (a file or a pipe), the \
            answer is written there exactly as the server sent it, so pipelines get the exact text.
            """)

    @OptionGroup var endpoint: EndpointOptions

    @Flag(help: "One JSON line per normalized event instead of plain text.")
    var jsonl = false

    @Flag(name: .customLong("no-stream"), help: "Ask for one blocking reply instead of a stream (also a profile's stream: false).")
    var noStream = false

    @Option(help: "A system message to send before the prompt (new conversations only).")
    var system: String?

    @Option(help: "Continue a stored conversation (its id, or the first characters of it).")
    var conversation: String?

    @Flag(name: .customLong("no-store"), help: "Keep nothing: do not write the turn to the local database.")
    var noStore = false

    @Option(help: "The database file (default $PARLEY_DB, else $XDG_DATA_HOME/parley/parley.sqlite).")
    var database: String?

    @Option(name: .customLong("file"), help: "Dify: upload this file and attach it to the prompt (repeatable).")
    var files: [String] = []

    @Option(name: .customLong("file-url"), help: "Dify: attach the file at this URL, fetched by Dify (repeatable).")
    var fileURLs: [String] = []

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
        if noStore, conversation != nil { throw ValidationError("--conversation needs the store; drop --no-store.") }
        let provider: any ChatProvider
        do {
            provider = try ProviderCatalog.provider(for: resolved.settings)
        } catch {
            throw ValidationError("\(error)")
        }
        let attachments = try await attachedFiles(for: provider, options: resolved.transportOptions)
        let attach = { @Sendable (provider: any ChatProvider) in DifyAttachments.attach(attachments, to: provider) }
        let store = noStore ? nil : try openStore(database)
        let refresh = resolved.refreshedSettings.map { fresh in
            { @Sendable () async throws -> any ChatProvider in attach(try ProviderCatalog.provider(for: try await fresh())) }
        }
        let streams: Bool
        do {
            streams = try !noStream && resolved.settings.streams()
        } catch {
            throw ValidationError("\(error)")
        }
        let runner = RunStarter(
            provider: attach(provider), transport: CurlTransport(), options: resolved.transportOptions, stream: streams,
            refreshProvider: refresh)
        let journal = store.map {
            StoreJournal(
                store: $0, provider: resolved.settings.kind, profile: resolved.profile,
                memoryLimit: StoreJournal.commandMemoryLimit,
                onProblem: { problem in
                    writeNote(problem.map { "\($0)" } ?? "the store is writable again; nothing was lost.")
                })
        }
        let printer = TurnPrinter(EventPrinter(mode: jsonl ? .jsonLines : .text, exactAnswer: isatty(STDOUT_FILENO) == 0))
        let controller = SessionController(runner: runner, journal: journal, observer: printer.observe)
        let conversationID = try await prepareConversation(controller, store: store, profile: resolved.profile)
        let runID = await controller.send(
            text, in: conversationID, files: DifyAttachments.attachments(attachments, paths: files, urls: fileURLs))
        let interrupt = InterruptHandler { Task { await controller.cancel(runID) } }
        defer { interrupt.stop() }

        let outcome = await printer.reply()
        if let refusal = outcome?.error, refusal.kind == .http, refusal.status == 401 || refusal.status == 403 {
            let source = resolved.keySource.map { "The key came from \($0)" } ?? "No API key was sent"
            writeNote("\(source); check that it is right for this server.")
        }
        if let journal, journal.unwritten > 0 {
            let cause = journal.lastError.map { ": \($0)" } ?? ""
            writeNote("the turn was not fully stored\(cause)")
        }
        if store != nil, !jsonl, let outcome, outcome.status == .complete || !outcome.text.isEmpty || outcome.remoteID != nil {
            // Only a conversation the server took part in is worth continuing; a refused turn has nothing to go on.
            FileHandle.standardError.write(Data("parley: conversation \(conversationID.prefix(8)) (continue with --conversation \(conversationID.prefix(8)))\n".utf8))
        }
        switch outcome?.status {
        case .complete?: return
        case .cancelled?: throw ExitCode(130)
        default: throw ExitCode(1)
        }
    }

    /// Uploads `--file`s and names `--file-url`s for a Dify turn; other providers take no files.
    private func attachedFiles(for provider: any ChatProvider, options: TransportOptions) async throws -> [DifyProvider.File] {
        guard !files.isEmpty || !fileURLs.isEmpty else { return [] }
        guard let dify = provider as? DifyProvider else {
            throw ValidationError("--file and --file-url work with Dify apps only; the endpoint is \(provider.kind).")
        }
        let client = CompanionClient(transport: CurlTransport(), options: options)
        do {
            return try await DifyAttachments(client: client).files(paths: files, urls: fileURLs, for: dify)
        } catch {
            writeNote("\(error)")
            throw ExitCode(1)
        }
    }

    /// The conversation to send in: a stored one restored into the controller, or a new id.
    /// A stored conversation of another profile is refused: it lives in another app or for another end user.
    private func prepareConversation(
        _ controller: SessionController, store: SQLiteStore?, profile: String?
    ) async throws -> String {
        guard let conversation, let store else {
            let id = UUID().uuidString.lowercased()
            if let system {
                await controller.restore(
                    conversationID: id, history: [Message(id: UUID().uuidString.lowercased(), role: .system, text: system)],
                    remoteID: nil)
            }
            return id
        }
        do {
            let id = try store.resolveConversationID(conversation)
            guard let (stored, messages) = try store.transcript(id: id) else { throw ValidationError("Conversation \(conversation) vanished.") }
            if let owner = stored.profile, owner != profile {
                throw ValidationError(
                    "Conversation \(conversation) belongs to profile \(owner); continue it with --profile \(owner) "
                        + "(its server knows it only there).")
            }
            await controller.restore(conversationID: id, history: messages, remoteID: stored.remoteID)
            return id
        } catch let error as StoreError {
            throw ValidationError(error.message)
        }
    }
}
