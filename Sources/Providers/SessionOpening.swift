import ChatModel
import Wire

/// A provider whose server needs a session created before the first turn (Big Hummingbird).
///
/// `RunStarter` sends `openSessionRequest()` when a turn has no remote conversation yet, reads the answer
/// with `sessionOpened(status:body:)`, and continues with the turn in the new session.
public protocol SessionOpening: Sendable {
    func openSessionRequest() throws -> HTTPRequest
    /// `opened` with the new session id, or `failed` saying why there is none.
    func sessionOpened(status: Int, body: [UInt8]) -> [StreamEvent]
}

extension HummingbirdProvider: SessionOpening {
    public func openSessionRequest() throws -> HTTPRequest { try createSessionRequest() }

    public func sessionOpened(status: Int, body: [UInt8]) -> [StreamEvent] {
        HummingbirdProvider.sessionCreated(status: status, body: body)
    }
}
