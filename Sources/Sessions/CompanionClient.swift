import ChatModel
import Providers
import Wire

/// Sends one companion request (rename, delete, feedback, app info, upload) and collects the whole reply.
///
/// Companion calls are small JSON exchanges beside the chat stream; the commands that reach them share this
/// so transport failures read the same way as they do in a turn.
public struct CompanionClient: Sendable {
    public var transport: any HTTPTransport
    public var options: TransportOptions

    public init(transport: any HTTPTransport, options: TransportOptions = TransportOptions()) {
        self.transport = transport
        self.options = options
    }

    /// The status and body of the reply; a transport failure is thrown as a `ProviderError`.
    public func fetch(_ request: HTTPRequest) async throws -> (status: Int, body: [UInt8]) {
        let call = transport.start(request, options: options)
        var status = 0
        var body: [UInt8] = []
        do {
            for try await part in call.parts {
                switch part {
                case .head(let head): status = head.status
                case .body(let bytes):
                    guard body.count + bytes.count <= options.limits.maxBodyBytes else {
                        call.cancel()
                        throw Self.tooLarge(request, limit: options.limits.maxBodyBytes)
                    }
                    body += bytes
                }
            }
        } catch let error as TransportError {
            throw ResponseReader.providerError(for: error)
        }
        return (status, body)
    }

    /// A reply over `max_body_size`, in the words a turn uses for it.
    private static func tooLarge(_ request: HTTPRequest, limit: Int) -> ProviderError {
        let from = request.endpoint.map { " from \($0)" } ?? ""
        return ProviderError(
            kind: .limit, code: "max_body_size",
            message: "The response\(from) is larger than \(ResponseLimits.describe(limit)), Parley's limit (max_body_size); "
                + "it was not read further. To accept it, raise the limit: --max-body-size 256M, or max_body_size: 256M "
                + "in config.yaml.")
    }

    /// Sends `request` and reads its reply with `read`; a refusal read from the reply names the server
    /// (`host:port`) it came from, as a turn's HTTP errors do.
    public func call<Reply>(
        _ request: HTTPRequest, read: (_ status: Int, _ body: [UInt8]) throws -> Reply
    ) async throws -> Reply {
        let reply = try await fetch(request)
        do {
            return try read(reply.status, reply.body)
        } catch var error as ProviderError {
            error.endpoint = error.endpoint ?? request.endpoint
            throw error
        }
    }
}
