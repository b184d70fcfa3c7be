import ArgumentParser
import Providers

/// `parley providers`: every provider kind with its options, credentials and what it supports, from the
/// registry.
struct ProvidersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "providers",
        abstract: "List the provider kinds, their options and what each supports.")

    @Argument(help: "Only this kind.")
    var kind: String?

    func run() throws {
        let kinds: [ProviderKind]
        if let kind {
            do {
                kinds = [try ProviderKind.named(kind)]
            } catch {
                throw ValidationError("\(error)")
            }
        } else {
            kinds = ProviderKind.allCases
        }
        writeText(kinds.map(Self.describe).joined(separator: "\n"))
    }

    static func describe(_ kind: ProviderKind) -> String {
        let details = kind.details
        var lines = ["\(kind.rawValue) — \(details.title)", "  \(details.summary)"]
        lines.append("  credentials: \(details.credentials.text)")
        let supported = details.capabilities.sorted().map(\.rawValue)
        lines.append("  supports: " + (supported.isEmpty ? "streaming turns only" : supported.joined(separator: ", ")))
        if let model = details.defaultModel { lines.append("  model: \(model) unless the profile names one") }
        lines.append("  options:")
        let width = details.allOptions.map(\.name.count).max() ?? 0
        for option in details.allOptions {
            var text = option.documentation
            if option.required { text += " Required." }
            if let value = option.defaultValue { text += " Default: \(value)." }
            lines.append("    " + option.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + text)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
