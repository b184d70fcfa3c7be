import Foundation

/// The wait ran past its deadline.
public struct DeadlineExceeded: Error, CustomStringConvertible {
    public let seconds: Double
    public var description: String { "gave up after \(seconds) s" }
}

/// Runs `body`, failing with `DeadlineExceeded` if it has not finished within `seconds`.
public func withDeadline<T: Sendable>(
    _ seconds: Double, _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
            throw DeadlineExceeded(seconds: seconds)
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
