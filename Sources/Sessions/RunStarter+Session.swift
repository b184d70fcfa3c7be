import ChatModel
import Foundation
import Providers
import Wire

extension RunStarter {
    /// Creates the remote session; yields its record and returns its events (`opened` or `failed`).
    func openSession(
        _ opening: any SessionOpening, state: RunCancellation, started: Double,
        isolation: isolated (any Actor)?, deliver: RunDelivery
    ) async -> [StreamEvent] {
        let events: [StreamEvent]
        var bytes: [UInt8] = []
        do {
            let request = try opening.openSessionRequest()
            await deliver(.request(request))
            guard let call = state.begin({ transport.start(request, options: options) }) else { return [] }
            var status = 0
            for try await part in call.parts {
                switch part {
                case .head(let head): status = head.status
                case .body(let chunk): bytes += chunk
                }
            }
            events = opening.sessionOpened(status: status, body: bytes)
        } catch let error as TransportError {
            events = [.failed(ResponseReader.providerError(for: error))]
        } catch {
            events = [.failed(ProviderError(kind: .decoding, message: "Could not create the session: \(error)"))]
        }
        await deliver(.records([RawRecord(kind: .document, offset: 0, receivedAt: now() - started, bytes: bytes, events: events)]))
        return events
    }
}
