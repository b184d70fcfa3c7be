import CCurl
import Foundation
import Synchronization

/// The network thread of one `CurlTransport`: a libcurl multi handle and the loop that drives it.
///
/// Other threads talk to it only through `submit`, `cancel` and `stopWhenIdle`, which queue a command under a
/// lock and wake `curl_multi_poll` with `curl_multi_wakeup`. Everything else, including every easy handle
/// once submitted, is touched by the loop thread alone, which is why the class can be `@unchecked Sendable`.
final class CurlLoop: @unchecked Sendable {
    private struct Commands {
        var adds: [CurlTransfer] = []
        var cancels: [Int] = []
        var resumes: [Int] = []
        var stopping = false
    }

    private static let globalInit: Void = { _ = parley_curl_global_init() }()
    /// The longest the loop sleeps when no deadline is near; a wakeup or socket activity ends it sooner.
    private static let restingPollMilliseconds: Int32 = 5_000

    private let multi: UnsafeMutableRawPointer
    private let commands = Mutex(Commands())
    private var active: [Int: CurlTransfer] = [:]
    private var byHandle: [UnsafeMutableRawPointer: Int] = [:]

    init() {
        _ = Self.globalInit
        guard let multi = curl_multi_init() else { fatalError("curl_multi_init failed: out of memory") }
        self.multi = multi
        let thread = Thread { [self] in run() }
        thread.name = "parley-curl"
        thread.start()
    }

    /// Hands a configured transfer to the loop.
    func submit(_ transfer: CurlTransfer) {
        commands.withLock { $0.adds.append(transfer) }
        curl_multi_wakeup(multi)
    }

    /// Removes a transfer from the loop and frees it; unknown or finished ids are ignored.
    func cancel(_ id: Int) {
        commands.withLock { $0.cancels.append(id) }
        curl_multi_wakeup(multi)
    }

    /// Lets a transfer paused for a slow consumer read again; unknown or finished ids are ignored.
    func resume(_ id: Int) {
        commands.withLock { $0.resumes.append(id) }
        curl_multi_wakeup(multi)
    }

    /// Lets the thread end once no transfer is left.
    func stopWhenIdle() {
        commands.withLock { $0.stopping = true }
        curl_multi_wakeup(multi)
    }

    private func run() {
        while true {
            let stopping = applyCommands()
            if stopping && active.isEmpty { break }
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            for transfer in active.values { transfer.deliverUnsent() }
            collectFinished()
            let timeout = expireIdleTransfers(now: MonotonicClock.now())
            curl_multi_poll(multi, nil, 0, timeout, nil)
        }
        curl_multi_cleanup(multi)
    }

    /// Takes queued commands; returns true when the transport has asked the loop to stop.
    private func applyCommands() -> Bool {
        let pending = commands.withLock { state -> Commands in
            let taken = state
            state.adds.removeAll()
            state.cancels.removeAll()
            state.resumes.removeAll()
            return taken
        }
        for transfer in pending.adds {
            let code = curl_multi_add_handle(multi, transfer.handle)
            if code != CURLM_OK {
                transfer.fail(TransportError(
                    kind: .other,
                    message: "libcurl could not start the request to \(transfer.endpoint): "
                        + String(cString: curl_multi_strerror(code))))
                transfer.release()
                continue
            }
            active[transfer.id] = transfer
            byHandle[transfer.handle] = transfer.id
        }
        for id in pending.cancels {
            guard let transfer = remove(id) else { continue }
            transfer.fail(TransportError(kind: .cancelled, message: "The request to \(transfer.endpoint) was cancelled."))
            transfer.release()
        }
        for id in pending.resumes {
            active[id]?.resume()
        }
        return pending.stopping
    }

    /// Ends every transfer libcurl reports as done, successfully or not.
    private func collectFinished() {
        var left: Int32 = 0
        while let message = curl_multi_info_read(multi, &left) {
            guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle,
                let id = byHandle[handle], let transfer = remove(id)
            else { continue }
            transfer.complete(with: message.pointee.data.result)
            transfer.release()
        }
    }

    /// Fails transfers that have been silent past their idle timeout; returns the poll timeout in ms.
    private func expireIdleTransfers(now: Double) -> Int32 {
        var nearest = Double(Self.restingPollMilliseconds) / 1000
        for transfer in Array(active.values) {
            guard let deadline = transfer.idleDeadline(now: now) else { continue }
            if deadline <= now {
                _ = remove(transfer.id)
                transfer.failIdle()
                transfer.release()
            } else {
                nearest = min(nearest, deadline - now)
            }
        }
        return Int32((nearest * 1000).rounded(.up))
    }

    private func remove(_ id: Int) -> CurlTransfer? {
        guard let transfer = active.removeValue(forKey: id) else { return nil }
        byHandle[transfer.handle] = nil
        curl_multi_remove_handle(multi, transfer.handle)
        return transfer
    }
}
