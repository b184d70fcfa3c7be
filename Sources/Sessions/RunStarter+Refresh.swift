import ChatModel
import Foundation
import Providers
import Wire

extension RunStarter {
    /// Asks `refreshProvider` for fresh credentials and sends the turn once more; a failure to get them ends
    /// the turn with the 401 and the reason.
    func retryRefreshed(
        _ turn: TurnRequest, state: RunCancellation, started: Double, isolation: isolated (any Actor)?, deliver: RunDelivery
    ) async {
        guard let refreshProvider else { return }
        let provider: any ChatProvider
        do {
            provider = try await refreshProvider()
        } catch {
            let failure = ProviderError(
                kind: .http, status: 401,
                message: "The server refused the credentials, and getting fresh ones failed: \(error)")
            let record = RawRecord(kind: .tail, offset: 0, receivedAt: now() - started, bytes: [], events: [.failed(failure)])
            await deliver(.records([record]))
            return
        }
        await exchange(turn, provider: provider, state: state, started: started, isolation: isolation, deliver: deliver)
    }
}
