/// How much of one response Parley holds at once: one event of a stream, and a whole body that is not a stream.
///
/// A server can send an event or a document of any size; without a limit one bad reply takes all the memory
/// there is. A response over a limit ends its run with a message that names the limit and how to raise it.
public struct ResponseLimits: Sendable, Equatable {
    public static let defaultMaxEventBytes = 16 << 20
    public static let defaultMaxBodyBytes = 64 << 20
    /// No limits, for bytes already in memory (`parley replay` of a file).
    public static let unlimited = ResponseLimits(maxEventBytes: .max, maxBodyBytes: .max)

    /// The most bytes one server-sent event may take, its field names and line ends included.
    public var maxEventBytes: Int
    /// The most bytes a response that is not an event stream may take (a blocking reply, an error page).
    public var maxBodyBytes: Int

    public init(maxEventBytes: Int = Self.defaultMaxEventBytes, maxBodyBytes: Int = Self.defaultMaxBodyBytes) {
        self.maxEventBytes = maxEventBytes
        self.maxBodyBytes = maxBodyBytes
    }

    /// A byte count as people write it: `16 MiB`, `512 KiB`, `1 GiB`, or bytes.
    public static func describe(_ bytes: Int) -> String {
        for (unit, shift) in [("GiB", 30), ("MiB", 20), ("KiB", 10)] where bytes >= 1 << shift && bytes % (1 << shift) == 0 {
            return "\(bytes >> shift) \(unit)"
        }
        return "\(bytes) bytes"
    }
}
