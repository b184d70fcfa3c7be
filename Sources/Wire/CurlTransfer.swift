import CCurl
import Foundation
import Synchronization

/// One request on libcurl: its easy handle, header list, error buffer and the stream it feeds.
///
/// It is configured on the caller's thread, then owned by the loop thread from `CurlLoop.submit` on; the
/// libcurl callbacks run on that thread inside `curl_multi_perform`. `release` frees every C resource.
final class CurlTransfer: @unchecked Sendable {
    typealias Continuation = AsyncThrowingStream<HTTPStreamPart, any Error>.Continuation

    /// Bytes handed to the consumer but not yet taken at which the transfer pauses, and the level it
    /// resumes at once the consumer has caught up.
    static let highWater = 1 << 20
    static let lowWater = 256 << 10

    /// What the consumer has not taken yet, shared by the loop thread and the consumer.
    private struct Flow {
        var waiting = 0
        var paused = false
    }

    private static let ids = Mutex(0)
    private let flow = Mutex(Flow())
    private static let errorBufferSize = Int(CURL_ERROR_SIZE)

    let id: Int
    let handle: UnsafeMutableRawPointer
    /// `host:port` as the URL names it, for messages.
    let endpoint: String
    let host: String
    private let continuation: Continuation
    private let options: TransportOptions
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var collector: CurlHeaderCollector
    private var headDelivered = false
    /// Body bytes received during the loop's current turn, not yet handed to the consumer.
    private var unsent: [UInt8] = []
    /// The size of the last part handed over: the next turn's buffer starts with room for as many bytes.
    private var lastPartSize = 0
    private var lastActivity: Double?
    private var released = false
    private let redirects: RedirectCheck
    /// Why the transfer was stopped at a redirect, reported instead of libcurl's write error.
    private var refusedRedirect: TransportError?

    init(request: HTTPRequest, options: TransportOptions, continuation: Continuation) throws {
        let target = try CurlURL(request.url)
        guard let handle = curl_easy_init() else {
            throw TransportError(kind: .other, message: "libcurl could not create a request handle (out of memory).")
        }
        self.id = Self.ids.withLock { $0 += 1; return $0 }
        self.handle = handle
        self.host = target.host
        self.endpoint = target.endpoint
        self.redirects = RedirectCheck(origin: target)
        self.continuation = continuation
        self.options = options
        collector = CurlHeaderCollector(followsRedirects: options.followRedirects)
        errorBuffer = .allocate(capacity: Self.errorBufferSize)
        errorBuffer.initialize(repeating: 0, count: Self.errorBufferSize)
        do {
            try configure(request)
        } catch {
            release()
            throw error
        }
    }

    /// The moment the idle timeout expires, or nil while the connection is still being set up or the
    /// transfer waits for its consumer (a slow consumer is not a silent server).
    func idleDeadline(now: Double) -> Double? {
        if flow.withLock(\.paused) { return nil }
        if lastActivity == nil, isConnected { lastActivity = now }
        return lastActivity.map { $0 + options.idleTimeout }
    }

    /// Ends the stream for a finished transfer: normally, or with the failure libcurl reported.
    func complete(with code: CURLcode) {
        if let refusedRedirect {
            fail(refusedRedirect)
            return
        }
        guard code == CURLE_OK else {
            fail(CurlFailure.error(for: code, detail: errorText, endpoint: endpoint, host: host, options: options))
            return
        }
        deliverHeadIfOwed()
        deliverUnsent()
        continuation.finish()
    }

    func failIdle() {
        fail(CurlFailure.idleTimeout(endpoint: endpoint, seconds: options.idleTimeout))
    }

    func fail(_ error: TransportError) {
        deliverUnsent()
        continuation.finish(throwing: error)
    }

    /// Frees the easy handle, the header list and the error buffer; the loop calls it exactly once.
    func release() {
        guard !released else { return }
        released = true
        curl_easy_cleanup(handle)
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    /// Takes one header line; false stops the transfer (a redirect that may not be followed).
    fileprivate func received(headerLine bytes: UnsafeRawBufferPointer) -> Bool {
        lastActivity = MonotonicClock.now()
        let head = collector.take(line: bytes)
        if head == nil, let refusal = redirectRefusal(endingBlock: bytes) {
            refusedRedirect = refusal
            return false
        }
        guard !headDelivered, let head else { return true }
        headDelivered = true
        continuation.yield(.head(head))
        return true
    }

    /// At the end of a redirect's header block, the error that forbids following it, if any.
    private func redirectRefusal(endingBlock line: UnsafeRawBufferPointer) -> TransportError? {
        guard options.followRedirects, line.allSatisfy({ $0 == 0x0D || $0 == 0x0A }), let block = collector.current,
            (300..<400).contains(block.status), block.status != 304, let location = block.headers.value(for: "Location")
        else { return nil }
        var current: UnsafeMutablePointer<CChar>?
        parley_curl_get_string(handle, CURLINFO_EFFECTIVE_URL, &current)
        return redirects.refusal(status: block.status, location: location, current: current.map { String(cString: $0) } ?? "")
    }

    /// Hands a body chunk to the consumer; false when too much is still waiting, and the transfer pauses.
    fileprivate func received(body bytes: UnsafeRawBufferPointer) -> Bool {
        let accepted = flow.withLock { flow in
            guard flow.waiting < Self.highWater else {
                flow.paused = true
                return false
            }
            flow.waiting += bytes.count
            return true
        }
        guard accepted else { return false }
        deliverHeadIfOwed()
        // A burst is handed over in parts of at most `partSize`, each in a buffer of the size the last part
        // needed, so no buffer doubles as it fills.
        if !unsent.isEmpty, unsent.count + bytes.count > Self.partSize { deliverUnsent() }
        if unsent.isEmpty {
            // Once per part, not per write: a burst makes 100,000 writes, and the idle timeout counts seconds.
            lastActivity = MonotonicClock.now()
            unsent.reserveCapacity(max(bytes.count, lastPartSize))
        }
        unsent.append(contentsOf: bytes)
        return true
    }

    /// The most bytes one part carries (unless a single write is larger). A turn of a fast stream reads up to
    /// the megabyte the consumer may fall behind; handed over whole, each part was a fresh allocation the size
    /// of a megabyte, which the C library maps from the kernel and returns when freed, so every byte of the
    /// stream landed on a newly faulted page (about 4,000 page faults for 17 MB). Parts this size stay below
    /// the C library's threshold for mapped allocations: their memory is reused from part to part, and the
    /// consumer can start on the first part while the rest of the turn is read.
    static let partSize = 64 << 10

    /// Hands the consumer what arrived during the loop's last turn as one part.
    ///
    /// libcurl calls the write callback once per HTTP chunk, and servers often send one chunk per event, so a
    /// part per callback would wake the consumer once per event; one part per loop turn keeps a burst cheap.
    func deliverUnsent() {
        guard !unsent.isEmpty else { return }
        lastPartSize = unsent.count
        continuation.yield(.body(unsent))
        unsent = []
    }

    /// Notes that the consumer took `count` bytes; true when a paused transfer should now resume.
    func take(_ count: Int) -> Bool {
        flow.withLock { flow in
            flow.waiting -= count
            guard flow.paused, flow.waiting <= Self.lowWater else { return false }
            flow.paused = false
            return true
        }
    }

    /// The largest read libcurl makes for one transfer.
    static let readSize = 256 * 1024

    /// Lets a paused transfer read again (loop thread only); libcurl delivers the held chunk from here.
    func resume() {
        guard !released else { return }
        lastActivity = MonotonicClock.now()
        _ = parley_curl_resume(handle)
        deliverUnsent()
    }

    private func deliverHeadIfOwed() {
        guard !headDelivered, let head = collector.current else { return }
        headDelivered = true
        continuation.yield(.head(head))
    }

    private var isConnected: Bool {
        var pretransfer: curl_off_t = 0
        var requestSize = 0
        parley_curl_get_off_t(handle, CURLINFO_PRETRANSFER_TIME_T, &pretransfer)
        parley_curl_get_long(handle, CURLINFO_REQUEST_SIZE, &requestSize)
        return pretransfer > 0 || requestSize > 0
    }

    private var errorText: String {
        String(cString: errorBuffer).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func configure(_ request: HTTPRequest) throws {
        let userdata = Unmanaged.passUnretained(self).toOpaque()
        try set(parley_curl_set_string(handle, CURLOPT_URL, request.url), "URL")
        try set(parley_curl_set_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"), "protocols")
        try set(parley_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer), "error buffer")
        try set(parley_curl_set_long(handle, CURLOPT_NOSIGNAL, 1), "no signals")
        // A fast stream arrives in reads of up to this size: with libcurl's 16 KiB a 17 MB burst took over a
        // thousand loop turns, each a hand-over to the reader; a paced stream is unaffected (a read returns
        // what has arrived).
        try set(parley_curl_set_long(handle, CURLOPT_BUFFERSIZE, Self.readSize), "read size")
        try set(parley_curl_set_long(handle, CURLOPT_FOLLOWLOCATION, options.followRedirects ? 1 : 0), "redirects")
        try set(parley_curl_set_long(handle, CURLOPT_MAXREDIRS, 10), "redirect limit")
        try set(parley_curl_set_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"), "redirect protocols")
        try set(parley_curl_set_long(handle, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1), "proxy headers")
        try set(parley_curl_set_long(
            handle, CURLOPT_CONNECTTIMEOUT_MS, max(1, Int((options.connectTimeout * 1000).rounded()))), "connect timeout")
        try set(parley_curl_set_write_callback(handle, curlWriteCallback), "write callback")
        try set(parley_curl_set_pointer(handle, CURLOPT_WRITEDATA, userdata), "write data")
        try set(parley_curl_set_header_callback(handle, curlHeaderCallback), "header callback")
        try set(parley_curl_set_pointer(handle, CURLOPT_HEADERDATA, userdata), "header data")
        try configureTLS()
        try configureMethod(request)
        for line in Self.headerLines(for: request) {
            guard let list = curl_slist_append(headerList, line) else {
                throw TransportError(kind: .other, message: "libcurl could not store the request headers (out of memory).")
            }
            headerList = list
        }
        try set(parley_curl_set_slist(handle, CURLOPT_HTTPHEADER, headerList), "headers")
    }

    /// The CA bundle to trust (the profile's, else `CURL_CA_BUNDLE`, else `SSL_CERT_FILE`; libcurl itself reads
    /// neither variable) and, only when the profile says so, no verification at all.
    private func configureTLS() throws {
        let environment = ProcessInfo.processInfo.environment
        let bundle = [options.caFile, environment["CURL_CA_BUNDLE"], environment["SSL_CERT_FILE"]]
            .compactMap { $0 }.first { !$0.isEmpty }
        if let bundle { try set(parley_curl_set_string(handle, CURLOPT_CAINFO, bundle), "CA bundle") }
        if options.caFile == nil, let directory = environment["SSL_CERT_DIR"], !directory.isEmpty {
            try set(parley_curl_set_string(handle, CURLOPT_CAPATH, directory), "CA directory")
        }
        if options.skipTLSVerify {
            try set(parley_curl_set_long(handle, CURLOPT_SSL_VERIFYPEER, 0), "TLS peer check")
            try set(parley_curl_set_long(handle, CURLOPT_SSL_VERIFYHOST, 0), "TLS host check")
        }
    }

    private func configureMethod(_ request: HTTPRequest) throws {
        let method = request.method.uppercased()
        guard !method.isEmpty, method.allSatisfy({ $0.isLetter }) else {
            throw TransportError(kind: .invalidRequest, message: "\"\(request.method)\" is not an HTTP method.")
        }
        switch method {
        case "GET" where request.body.isEmpty:
            try set(parley_curl_set_long(handle, CURLOPT_HTTPGET, 1), "GET")
        case "HEAD":
            try set(parley_curl_set_long(handle, CURLOPT_NOBODY, 1), "HEAD")
        default:
            if method == "POST" || !request.body.isEmpty {
                try set(parley_curl_set_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count)), "body size")
                let code = request.body.isEmpty
                    ? parley_curl_set_string(handle, CURLOPT_COPYPOSTFIELDS, "")
                    : request.body.withUnsafeBytes { bytes in
                        parley_curl_set_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
                    }
                try set(code, "body")
            }
            if method != "POST" { try set(parley_curl_set_string(handle, CURLOPT_CUSTOMREQUEST, method), "method") }
        }
    }

    /// The request's headers as curl lines, plus blanks that stop curl adding `Expect` and a form content type.
    private static func headerLines(for request: HTTPRequest) -> [String] {
        var lines = request.headers.map { "\($0.name): \($0.value)" }
        lines.append("Expect:")
        if request.headers.value(for: "Content-Type") == nil { lines.append("Content-Type:") }
        return lines
    }

    private func set(_ code: CURLcode, _ what: String) throws {
        guard code == CURLE_OK else {
            throw TransportError(
                kind: .invalidRequest,
                message: "libcurl rejected the \(what) of the request to \(endpoint): \(String(cString: curl_easy_strerror(code))).")
        }
    }
}

private let curlWriteCallback: parley_curl_data_callback = { pointer, size, count, userdata in
    guard let userdata else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
    guard transfer.received(body: UnsafeRawBufferPointer(start: pointer, count: size * count)) else {
        return parley_curl_writefunc_pause()
    }
    return size * count
}

private let curlHeaderCallback: parley_curl_data_callback = { pointer, size, count, userdata in
    guard let userdata else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
    guard transfer.received(headerLine: UnsafeRawBufferPointer(start: pointer, count: size * count)) else { return 0 }
    return size * count
}
