import FixtureServer
import Foundation

/// One row kind of the fault table: a misbehaving server, and what a good client leaves behind after it.
///
/// Connection faults need a special listener (or none); every other fault is a fixture-server scenario
/// built for each provider kind from its normal reply, so the table needs no scenario files.
struct Fault {
    /// How the fault's server is reached.
    enum Serving {
        /// Nothing listens on the port.
        case refused
        /// The host name is under `.invalid`, which never resolves.
        case unresolvable
        /// A socket that listens but never accepts, so the connection opens and nothing ever comes back.
        case silent
        /// A TLS server with a self-signed certificate.
        case selfSignedTLS
        /// A 307 to the same path on a second fixture server, on another port, that answers normally.
        case redirect
        /// A scenario: status, headers and events for one provider kind.
        case scenario(status: Int, contentType: String, events: (FaultProvider) -> [ScenarioEvent])
    }

    /// What must be true after the run for the row to pass.
    enum Outcome {
        /// Exit 0, the reply stored complete as exactly this text.
        case completes(text: (FaultProvider) -> String)
        /// Exit 1, a message naming host:port and `mentioning` (an HTTP status), or else saying what to check,
        /// and the reply stored failed or interrupted with at least the text that had arrived.
        case fails(arrived: (FaultProvider) -> String, mentioning: String? = nil)
        /// Either completes, or fails with a message that names the limit (and the reply stored as far as it went).
        case completesOrNamesLimit
        /// Completes without the key reaching the other port, or fails with a message that names host:port.
        case completesOrRefuses
    }

    var id: String
    var title: String
    var serving: Serving
    var outcome: Outcome
    /// False for faults only an event stream can have; the blocking kind gets a row saying so.
    var needsStream = false
}

/// The reply every provider sends when nothing goes wrong, and its pieces for cutting it short.
enum FaultReply {
    static let pieces = ["The fault ", "table ", "reply ", "arrives ", "whole."]
    static let text = pieces.joined()
    /// What has arrived when a fault strikes mid-stream.
    static let arrivedPieces = 2

    /// The normal reply as the kind sends it: deltas and the end marker, or one document.
    static func events(_ provider: FaultProvider) -> [ScenarioEvent] {
        guard provider.streams else { return [raw(provider.document(text))] }
        return pieces.map { raw(provider.delta($0)) } + [raw(provider.end)]
    }

    /// The part of the reply a kind delivers before a fault cuts it (a blocking kind delivers none).
    static func arrived(_ provider: FaultProvider) -> String {
        provider.streams ? pieces.prefix(arrivedPieces).joined() : ""
    }

    /// The first bytes a kind sends before a mid-stream fault: two deltas, or the first half of the document.
    static func beginning(_ provider: FaultProvider) -> [ScenarioEvent] {
        guard provider.streams else {
            let document = Array(provider.document(text).utf8)
            return [.init(action: .bytes(Array(document.prefix(document.count / 2))))]
        }
        return pieces.prefix(arrivedPieces).map { raw(provider.delta($0)) }
    }

    /// The reply with one more piece after the first, "\u{FF}bad" where 0xFF is a byte that is never UTF-8;
    /// for the blocking kind a document of that piece alone.
    static func withInvalidByte(_ provider: FaultProvider) -> [ScenarioEvent] {
        let marker = "INVALID-BYTE"
        let marked = provider.streams ? provider.delta(marker + "bad") : provider.document(marker + "bad")
        let bytes = Array(marked.replacingOccurrences(of: marker, with: "\u{1}").utf8).map { $0 == 1 ? 0xFF : $0 }
        let broken = ScenarioEvent(action: .bytes(bytes))
        guard provider.streams else { return [broken] }
        var events = events(provider)
        events.insert(broken, at: 1)
        return events
    }

    /// The reply `withInvalidByte` should leave, the byte shown as U+FFFD.
    static func invalidByteText(_ provider: FaultProvider) -> String {
        provider.streams ? pieces[0] + "\u{FFFD}bad" + pieces.dropFirst().joined() : "\u{FFFD}bad"
    }

    static func raw(_ text: String) -> ScenarioEvent { ScenarioEvent(action: .raw(text)) }
}
