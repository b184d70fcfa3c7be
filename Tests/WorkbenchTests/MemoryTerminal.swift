import Foundation
import TerminalUI

/// An in-memory terminal: keys are typed by the test, frames are kept, and waits end on a condition.
final class MemoryTerminal: TerminalDevice, @unchecked Sendable {
    let keys: AsyncStream<Key>
    private let input: AsyncStream<Key>.Continuation
    private let size: Size
    private let lock = NSLock()
    private var frames: [Grid] = []
    private var stopped = false
    private var waiters: [(id: UUID, condition: (Grid) -> Bool, continuation: CheckedContinuation<Grid?, Never>)] = []

    init(size: Size = Size(columns: 120, rows: 36)) {
        self.size = size
        (keys, input) = AsyncStream.makeStream(of: Key.self)
    }

    func start() throws -> Size { size }

    func present(_ grid: Grid) {
        let ready = lock.withLock {
            frames.append(grid)
            let (met, rest) = (waiters.filter { $0.condition(grid) }, waiters.filter { !$0.condition(grid) })
            waiters = rest
            return met
        }
        ready.forEach { $0.continuation.resume(returning: grid) }
    }

    func stop() { lock.withLock { stopped = true } }

    var isStopped: Bool { lock.withLock { stopped } }
    var frameCount: Int { lock.withLock { frames.count } }
    var lastFrame: Grid? { lock.withLock { frames.last } }

    func type(_ text: String) { text.forEach { input.yield(.character($0)) } }
    func press(_ key: Key) { input.yield(key) }

    /// The first frame (already shown or still to come) whose text satisfies the condition, or `nil` after
    /// `seconds`.
    func waitForFrame(within seconds: Double = 10, _ condition: @escaping (String) -> Bool) async -> Grid? {
        let test: (Grid) -> Bool = { condition($0.text) }
        let id = UUID()
        return await withCheckedContinuation { continuation in
            let found: Grid? = lock.withLock {
                if let frame = frames.last, test(frame) { return frame }
                waiters.append((id, test, continuation))
                return nil
            }
            if let found { continuation.resume(returning: found); return }
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in
                let expired = lock.withLock {
                    let expired = waiters.filter { $0.id == id }
                    waiters.removeAll { $0.id == id }
                    return expired
                }
                expired.forEach { $0.continuation.resume(returning: nil) }
            }
        }
    }
}
