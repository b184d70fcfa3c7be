import ChatModel
import Config
import Foundation
import Providers
import Sessions
import Store
import Wire

/// The readers of untrusted bytes that `make fuzz` exercises, one per `PARLEY_FUZZ_TARGET` value.
///
/// Each takes any bytes without crashing; the SSE parser must also cut them the same way however they are
/// split, which is the promise every provider relies on. Nothing here touches the network, the disk or a
/// child process (the config target reads profiles but never runs an `api_key_command`).
enum FuzzTarget: String, CaseIterable {
    case sse
    case openai, dify, helix, hummingbird, pais
    case recording
    case curl
    case config

    func run(_ bytes: [UInt8]) {
        switch self {
        case .sse: Self.sse(bytes)
        case .openai, .dify, .helix, .hummingbird, .pais: Self.decode(bytes, kind: rawValue)
        case .recording: Self.replay(bytes, kind: "openai", asRecording: true)
        case .curl: Self.replay(bytes, kind: "dify", asRecording: false)
        case .config: Self.config(bytes)
        }
    }

    /// Frames of the whole input equal the frames of the same input fed in three pieces.
    ///
    /// Cuts between a CR and its LF are moved past the LF: there the frames are known to differ (the LF of a
    /// blank line's CRLF opens the next frame, or is dropped at the end of the stream) while the events stay
    /// the same; FuzzFindingsTests keeps both cases, and the report of `make fuzz`'s first run describes it.
    private static func sse(_ bytes: [UInt8]) {
        var whole = SSEParser()
        let expected = whole.feed(bytes) + whole.finish()
        var cuts = splitPoints(bytes)
        let crlf = { (cut: Int) in cut > 0 && cut < bytes.count && bytes[cut - 1] == 0x0D && bytes[cut] == 0x0A ? cut + 1 : cut }
        cuts = (crlf(cuts.0), max(crlf(cuts.0), crlf(cuts.1)))
        var pieces = SSEParser()
        var got = pieces.feed(bytes[0..<cuts.0]) + pieces.feed(bytes[cuts.0..<cuts.1])
        got += pieces.feed(bytes[cuts.1...]) + pieces.finish()
        if got != expected {
            FileHandle.standardError.write(Data(
                ("parley-fuzz: SSEParser cut \(bytes.count) bytes split at \(cuts.0) and \(cuts.1) "
                    + "into other frames than the whole\n").utf8))
            abort()
        }
    }

    /// The bytes as an event stream and as a whole document through the provider's decoder, as `send` reads them.
    private static func decode(_ bytes: [UInt8], kind: String) {
        for contentType in ["text/event-stream", "application/json"] {
            guard let decoder = try? ProviderCatalog.decoder(for: kind) else { return }
            var reader = ResponseReader(decoder: decoder, endpoint: "127.0.0.1:1")
            reader.begin(HTTPResponseHead(status: 200, headers: [HTTPHeader("Content-Type", contentType)]))
            let cuts = splitPoints(bytes)
            var records = reader.feed(Array(bytes[0..<cuts.0]), at: 0.1)
            records += reader.feed(Array(bytes[cuts.0...]), at: 0.2)
            records += reader.finish(at: 0.3)
            _ = fold(records)
        }
        guard var decoder = try? ProviderCatalog.decoder(for: kind) else { return }
        _ = decoder.decodeDocument(status: 422, contentType: "application/json", body: bytes)
    }

    /// A file given to `parley replay`: parsed as a recording or a `curl -i` capture, then read back.
    private static func replay(_ bytes: [UInt8], kind: String, asRecording: Bool) {
        guard ReplaySource.isRecording(bytes) == asRecording,
              let source = try? ReplaySource(bytes: bytes, name: "fuzz"),
              let decoder = try? ProviderCatalog.decoder(for: kind)
        else { return }
        var reader = ResponseReader(decoder: decoder)
        if let head = source.head { reader.begin(head) }
        var records: [RawRecord] = []
        for chunk in source.recording.chunks { records += reader.feed(chunk.bytes, at: 0) }
        records += reader.finish(at: 0)
        _ = fold(records)
        _ = source.duration
    }

    /// Config text: parsed, then each profile's settings built from a fixed environment.
    private static func config(_ bytes: [UInt8]) {
        guard let configuration = try? Configuration.parse(String(decoding: bytes, as: UTF8.self), source: "fuzz.yaml")
        else { return }
        for profile in configuration.profiles {
            guard let settings = try? profile.settings(environment: ["KEY": "k"]) else { continue }
            _ = try? ProviderCatalog.provider(for: settings)
        }
        _ = try? configuration.profile(named: configuration.defaultProfile)
    }

    /// The records folded into a reply, as `send` and the store fold them.
    private static func fold(_ records: [RawRecord]) -> Int {
        var log = RunLog(
            id: RunID("fuzz"), conversationID: "fuzz", reply: Message(id: "fuzz", role: .assistant, status: .streaming))
        log.append(contentsOf: records)
        return log.reply.text.utf8.count
    }

    /// Two cut points inside `bytes`, derived from its first bytes so the fuzzer can steer them.
    private static func splitPoints(_ bytes: [UInt8]) -> (Int, Int) {
        guard bytes.count > 1 else { return (bytes.count, bytes.count) }
        let first = Int(bytes[0]) * 7919 % bytes.count
        let second = Int(bytes[bytes.count - 1]) * 104_729 % bytes.count
        return (min(first, second), max(first, second))
    }
}
