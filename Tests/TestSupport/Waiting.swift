import Foundation
import XCTest

/// A value shared between a test and the callbacks it hands out.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) {
        self.value = value
    }

    public func get() -> Value {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    public func set(_ newValue: Value) {
        lock.lock()
        defer { lock.unlock() }
        value = newValue
    }

    public func mutate(_ body: (inout Value) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        body(&value)
    }
}

/// Waits until `condition` holds, checking every few milliseconds, and fails the test at the deadline.
public func waitUntil(
    _ what: String, timeout: Double = 5, file: StaticString = #filePath, line: UInt = #line,
    _ condition: () -> Bool
) async throws {
    let deadline = Date().addingTimeInterval(timeout)
    while !condition() {
        guard Date() < deadline else {
            XCTFail("Timed out after \(timeout) s waiting until \(what)", file: file, line: line)
            return
        }
        try await Task.sleep(for: .milliseconds(5))
    }
}
