import ChatModel
import Wire

/// A provider whose server can be asked to stop a running turn (Dify's `…/{task_id}/stop`).
///
/// Cancelling only the transport leaves such a server generating (and billing) the reply; asking it to stop
/// lets the stream end on its own with usage. The caller sends the request, then awaits the stream's end for a
/// short bounded time before dropping the connection.
public protocol RemoteStopping: Sendable {
    /// The stop request for the turn whose raw records arrived so far, or `nil` while no task id is known yet.
    func stopRequest(after records: [RawRecord]) -> HTTPRequest?
}
