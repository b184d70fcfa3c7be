import ChatModel
import Foundation

/// The JSON shapes of a recording file's lines; see `Recording` for the format.
enum RecordingLines {
    static let format = "parley.recording"
    static let version = 1

    struct Header: Codable {
        var format: String
        var version: Int
        var runId: String?
        var startedAt: Double?
        var request: Request
        var response: Response?
    }

    struct Request: Codable {
        var method: String
        var url: String
        var headers: [HTTPHeader]
        var body: Data
    }

    struct Response: Codable {
        var status: Int
        var headers: [HTTPHeader]
        var t: Double
    }

    struct Chunk: Codable {
        var t: Double
        var offset: Int
        var kind: String
        var event: String?
        var bytes: Data
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }
}
