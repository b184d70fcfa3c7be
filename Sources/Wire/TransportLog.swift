import Synchronization

/// Something that records every HTTP call the transport makes: the debug log of `--log-file` and `--verbose`.
///
/// It is told of each request as it starts and of each part, the end or the failure as the consumer meets them;
/// it is responsible for keeping credentials out of what it writes.
public protocol TransportLog: Sendable {
    /// A call numbered `id` starts; returns the observer of its progress.
    func started(_ id: Int, _ request: HTTPRequest) -> @Sendable (HTTPCallProgress) -> Void
}

/// The process's transport log, installed once at start-up by the command line; none by default.
public enum TransportLogging {
    private static let installed = Mutex<(any TransportLog)?>(nil)
    private static let counter = Mutex(0)

    public static func install(_ log: (any TransportLog)?) {
        installed.withLock { $0 = log }
    }

    /// The observer for a new call, or `nil` when no log is installed.
    static func observer(for request: HTTPRequest) -> (@Sendable (HTTPCallProgress) -> Void)? {
        guard let log = installed.withLock({ $0 }) else { return nil }
        let id = counter.withLock { $0 += 1; return $0 }
        return log.started(id, request)
    }
}
