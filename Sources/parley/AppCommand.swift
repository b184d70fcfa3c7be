import ArgumentParser
import Providers
import Sessions
import Wire

/// `parley app`: shows what a Dify app says about itself.
struct AppCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "app",
        abstract: "Show a Dify app's name, description, opening statement, suggested questions, input form and tools.",
        discussion: "Fields of the input form are passed to the app with -o inputs.VARIABLE=VALUE.")

    @OptionGroup var endpoint: EndpointOptions

    @Flag(help: "One JSON document instead of text.")
    var json = false

    func run() async throws {
        guard let resolved = try endpoint.resolve() else {
            throw ValidationError("No endpoint: give --base-url with --provider dify, or --profile NAME.")
        }
        guard resolved.settings.kind == "dify", let dify = try? ProviderCatalog.provider(for: resolved.settings) as? DifyProvider else {
            throw ValidationError(
                "Only Dify apps describe themselves this way; the endpoint is \(resolved.settings.kind). Give --provider dify.")
        }
        let client = CompanionClient(transport: CurlTransport(), options: resolved.transportOptions)
        do {
            let report = try await DifyAppReport.fetch(from: dify, client: client)
            writeText(json ? report.json : report.text)
        } catch {
            writeNote("could not read the app from \(resolved.label): \(error)")
            throw ExitCode(1)
        }
    }
}
