import ArgumentParser
import Foundation
import Providers
import Sessions
import Wire

/// `parley conversations pull`: imports a provider's own conversation history into the local store.
struct PullCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Import remote history (Dify conversations, Helix sessions) into the local store.",
        discussion: """
            Pulling again updates what was pulled before instead of duplicating it; local titles of pulled \
            conversations follow the server, while pins and archiving stay. Big Hummingbird, VMware Private AI \
            and OpenAI-compatible servers have no endpoint that lists conversations, so they cannot be pulled.
            """)

    @OptionGroup var endpoint: EndpointOptions

    @OptionGroup var storage: StoreOptions

    func run() async throws {
        let resolved = try endpoint.resolve()
        let kind = resolved?.settings.kind ?? endpoint.provider
        guard kind == "dify" || kind == "helix" else {
            writeNote(HistoryPuller.unsupportedReason(kind: kind))
            throw ExitCode(1)
        }
        guard let resolved else {
            throw ValidationError(
                "No endpoint: give --base-url (with --provider \(kind)), or --profile NAME from the config file.")
        }
        let provider: any ChatProvider
        do {
            provider = try ProviderCatalog.provider(for: resolved.settings)
        } catch {
            throw ValidationError("\(error)")
        }
        let store = try storage.open()
        let puller = HistoryPuller(
            transport: CurlTransport(), options: resolved.transportOptions, store: store, profile: endpoint.profile)
        let summary: HistoryPuller.Summary
        do {
            summary = try await puller.pull(from: provider)
        } catch {
            writeNote("could not list the conversations of \(resolved.label): \(error)")
            throw ExitCode(1)
        }
        writeText(summary.line(kind: kind) + "\n")
        for failure in summary.failures { writeNote("could not pull \(failure)") }
        if !summary.failures.isEmpty { throw ExitCode(1) }
    }
}
