import ChatModel
import Foundation
import Providers
import Sessions
import TerminalUI
import Wire
import Workbench

extension AppConfiguration {
    /// The workbench for `parley replay FILE`: no store (a replay writes nothing) and no network; it opens on
    /// the tape and quits when the replay is left. Sending is refused while a replay shows, so the runner's
    /// transport, which refuses every request, is never asked.
    public static func replaying(_ tape: ReplayTape, label: String, theme: Theme) throws -> AppConfiguration {
        let settings = try ProviderCatalog.demoSettings(kind: tape.provider, root: "http://127.0.0.1:1")
        let runner = RunStarter(provider: try ProviderCatalog.provider(for: settings), transport: OfflineTransport())
        var configuration = AppConfiguration(
            runner: runner, store: nil, providerKind: tape.provider, profile: nil, endpointLabel: label, theme: theme,
            handlesSignals: true, storeWatchInterval: nil)
        configuration.replay = tape
        return configuration
    }
}

/// A transport that sends nothing: a replay needs no network.
struct OfflineTransport: HTTPTransport {
    func start(_ request: HTTPRequest, options: TransportOptions) -> HTTPCall {
        let (parts, continuation) = AsyncThrowingStream.makeStream(of: HTTPStreamPart.self)
        continuation.finish(throwing: TransportError(kind: .other, message: "A replay sends nothing."))
        return HTTPCall(parts: parts, cancel: {})
    }
}
