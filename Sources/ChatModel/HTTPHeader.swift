/// One HTTP header line, in the order it was sent or received.
///
/// The one header type of every layer: providers build requests with it, transports deliver responses with
/// it, and the store keeps runs and recordings with it, so a header never changes type on its way to disk.
public struct HTTPHeader: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

extension Array where Element == HTTPHeader {
    /// The first value of a header, matched without regard to case.
    public func value(for name: String) -> String? {
        let wanted = name.lowercased()
        return first { $0.name.lowercased() == wanted }?.value
    }
}
