import ChatModel
import Foundation
import Store
import Synchronization
import Wire

/// The debug log of `--log-file` and `--verbose`: every HTTP call's request, response head, timing and error,
/// for bug reports.
///
/// Credentials never reach it: URLs, headers and bodies go through the store's `Redaction` with the
/// provider's declared `CredentialFields`, as stored runs and exports do. Response bodies are counted, not
/// written (they are in the store, byte for byte); request bodies only with `includeBodies`.
public final class DebugLog: TransportLog, @unchecked Sendable {
    private let lock = Mutex(())
    private let handles: [FileHandle]
    private let includeBodies: Bool
    private let start = Date()

    /// A log written to each of `handles` (a file, standard error).
    public init(handles: [FileHandle], includeBodies: Bool) {
        self.handles = handles
        self.includeBodies = includeBodies
    }

    /// Opens `path` for appending (creating it readable by its owner alone), with an error that names it.
    public static func openFile(_ path: String) throws -> FileHandle {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw DebugLogError(
                "Cannot write the log file \(path): \(String(cString: strerror(errno))). Give a path in a folder you can write to.")
        }
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// Writes one line, stamped with the wall-clock time and the seconds since start.
    public func note(_ text: String) {
        let stamp = ISO8601DateFormatter.string(
            from: Date(), timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withInternetDateTime, .withFractionalSeconds])
        let line = "\(stamp) +\(String(format: "%.3f", Date().timeIntervalSince(start)))s \(ControlSanitizer.printable(text))\n"
        let data = Data(line.utf8)
        lock.withLock { _ in
            for handle in handles { handle.write(data) }
        }
    }

    public func started(_ id: Int, _ request: HTTPRequest) -> @Sendable (HTTPCallProgress) -> Void {
        let declared = request.credentials
        note("#\(id) → \(request.method) \(Redaction.url(request.url, declared: declared))")
        for header in request.headers {
            let shown = Redaction.header(header, declared: declared)
            note("#\(id) → \(shown.name): \(shown.value)")
        }
        if !request.body.isEmpty {
            note("#\(id) → body \(request.body.count) bytes")
            if includeBodies {
                note("#\(id) → " + String(decoding: Redaction.body(request.body, declared: declared), as: UTF8.self))
            }
        }
        let began = ProcessInfo.processInfo.systemUptime
        let received = Mutex(0)
        return { [self] progress in
            let elapsed = String(format: "%.3f s", ProcessInfo.processInfo.systemUptime - began)
            switch progress {
            case .part(.head(let head)):
                note("#\(id) ← HTTP \(head.status) after \(elapsed)")
                for header in head.headers {
                    let shown = Redaction.header(header, declared: .none)
                    note("#\(id) ← \(shown.name): \(shown.value)")
                }
            case .part(.body(let bytes)):
                received.withLock { $0 += bytes.count }
            case .ended:
                note("#\(id) ✓ done after \(elapsed), \(received.withLock { $0 }) body bytes")
            case .failed(let error):
                note("#\(id) ✗ failed after \(elapsed), \(received.withLock { $0 }) body bytes: \(error)")
            }
        }
    }
}

/// The log file could not be opened; the message names it and what to do.
public struct DebugLogError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
