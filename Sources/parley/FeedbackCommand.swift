import ArgumentParser
import Foundation
import Providers
import Sessions
import Store
import Wire

/// `parley feedback`: rates a Dify reply on the server.
struct FeedbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedback",
        abstract: "Like or dislike a Dify reply, or clear the rating, on the server.",
        discussion: """
            MESSAGE is a stored reply's id or Dify's own message id, or the first characters of either (Dify's \
            whole 36-character id works for replies Parley has not stored). The rating \
            is sent for the end user given with -o user=… (default parley), as Dify keeps ratings per user.
            """)

    /// The rating words the command takes.
    enum Rating: String, ExpressibleByArgument, CaseIterable {
        case like, dislike, clear
    }

    @OptionGroup var endpoint: EndpointOptions

    @OptionGroup var storage: StoreOptions

    @Argument(help: "The reply's id: a local message id or prefix, or Dify's message id.")
    var message: String

    @Argument(help: "like, dislike or clear.")
    var rating: Rating

    func run() async throws {
        guard let resolved = try endpoint.resolve() else {
            throw ValidationError("No endpoint: give --base-url with --provider dify, or --profile NAME.")
        }
        guard resolved.settings.kind == "dify", let dify = try? ProviderCatalog.provider(for: resolved.settings) as? DifyProvider else {
            throw ValidationError("Feedback is a Dify call; the endpoint is \(resolved.settings.kind). Give --provider dify.")
        }
        let remoteID: String
        do {
            remoteID = try FeedbackSender.remoteMessageID(message, in: try storage.open())
        } catch let error as StoreError {
            throw ValidationError(error.message)
        } catch let error as RemoteActionError {
            throw ValidationError(error.message)
        }
        let sender = FeedbackSender(client: CompanionClient(transport: CurlTransport(), options: resolved.transportOptions))
        do {
            let request = try await sender.send(DifyProvider.Rating(rawValue: rating.rawValue), messageID: remoteID, with: dify)
            writeText("\(request.method) \(request.url)\n\(String(decoding: request.body, as: UTF8.self))\n")
            writeText(rating == .clear ? "Rating withdrawn.\n" : "Rated \(rating.rawValue).\n")
        } catch {
            writeNote("could not send the feedback: \(error)")
            throw ExitCode(1)
        }
    }
}
