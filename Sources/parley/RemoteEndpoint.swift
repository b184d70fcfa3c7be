import ArgumentParser
import ChatModel
import Providers
import Sessions
import Wire

/// Finds the provider that holds a stored conversation on its server, for `--remote` rename and delete.
enum RemoteEndpoint {
    /// The provider for `conversation`: the endpoint options when given, else the profile it was stored
    /// with. Throws a usage error when the conversation has no remote id, or the endpoint is another kind.
    static func provider(for conversation: Conversation, options: EndpointOptions) throws -> (provider: any ChatProvider, remoteID: String, client: CompanionClient) {
        guard let remoteID = conversation.remoteID, !remoteID.isEmpty else {
            throw ValidationError(
                "Conversation \(conversation.id.prefix(8)) has no remote id: it never reached a server that keeps "
                    + "conversations, so there is nothing to change there. Leave out --remote.")
        }
        var options = options
        if options.baseURL == nil, options.profile == nil { options.profile = conversation.profile }
        guard let resolved = try options.resolve() else {
            throw ValidationError(
                "No endpoint for --remote: give --profile NAME, or --base-url with --provider \(conversation.provider).")
        }
        guard resolved.settings.kind == conversation.provider else {
            throw ValidationError(
                "Conversation \(conversation.id.prefix(8)) is a \(conversation.provider) conversation, but the endpoint "
                    + "is \(resolved.settings.kind); give --provider \(conversation.provider) or its profile.")
        }
        do {
            let provider = try ProviderCatalog.provider(for: resolved.settings)
            return (provider, remoteID, CompanionClient(transport: CurlTransport(), options: resolved.transportOptions))
        } catch {
            throw ValidationError("\(error)")
        }
    }
}
