#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A byte-level, incremental event-stream parser that follows the WHATWG rules exactly.
///
/// Feed it bytes in any chunking; it returns the same frames. Lines end at CR, LF or CRLF (a CRLF split
/// across two feeds counts once); a leading BOM is dropped; one space after the colon is stripped. A block
/// that dispatches nothing (only comments, or fields without data such as Dify's `event: ping`) is not an
/// event but surfaces as one keep-alive frame, so the inspector and idle timers see it. A stray blank line
/// dispatches nothing; its bytes join the next frame.
/// Lines are decoded as UTF-8 only once complete, so a character split between reads survives.
///
/// Line ends are found with `memchr` over each read, lines are read in place, and a frame's bytes are copied
/// once when it completes (an event's data is a slice of them); only a frame that spans reads is carried over,
/// in one buffer that also holds the line in progress.
public struct SSEParser: Sendable {
    /// Bytes of the frame in progress that arrived in earlier reads; a line begun in an earlier read is the
    /// end of these, so a long line is held once, not also in a buffer of its own.
    private var pending: [UInt8] = []
    private var pendingOffset = 0
    /// Where in `pending` the line begun in an earlier read starts, and its offset in the stream.
    private var carriedLine: Int?
    private var lineOffset = 0
    private var consumed = 0
    private var lastByteWasCR = false
    private var atStreamStart = true
    private var fields = SSEFieldState()
    /// Frames the last read completed: the next read's array starts with room for as many.
    private var framesPerRead = 0

    /// The reconnection delay the server asked for in milliseconds, if any.
    public var retry: Int? { fields.retry }

    /// Bytes of the frame in progress held since earlier reads: what one event costs before it completes.
    public var bufferedByteCount: Int { pending.count }

    /// The first `count` bytes of the frame in progress.
    public func bufferedPrefix(_ count: Int) -> ArraySlice<UInt8> { pending.prefix(count) }

    public init() {}

    /// Consumes the next bytes of the stream and returns every frame they complete.
    public mutating func feed<Bytes: Collection>(_ bytes: Bytes) -> [SSEFrame] where Bytes.Element == UInt8 {
        var frames: [SSEFrame] = []
        frames.reserveCapacity(framesPerRead)
        let done: Void? = bytes.withContiguousStorageIfAvailable { feed($0, into: &frames) }
        if done == nil { Array(bytes).withUnsafeBufferPointer { feed($0, into: &frames) } }
        framesPerRead = frames.count
        return frames
    }

    /// Ends the stream: an incomplete event is discarded, but its bytes come back as a `.tail` frame.
    ///
    /// Leftover bytes that are only line ends carry nothing (typically the LF of a CRLF whose CR ended the
    /// last frame in an earlier read) and produce no frame.
    public mutating func finish() -> [SSEFrame] {
        defer { self = SSEParser() }
        guard pending.contains(where: { $0 != 0x0A && $0 != 0x0D }) else { return [] }
        return [SSEFrame(kind: .tail, offset: pendingOffset, bytes: pending)]
    }

    private mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, into frames: inout [SSEFrame]) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        let count = bytes.count
        let readOffset = consumed
        consumed += count
        var lineStart = 0
        var frameStart = 0
        /// How many bytes at the start of this read are already in `pending` (a carried line's end).
        var taken = 0
        if lastByteWasCR {
            lastByteWasCR = false
            // The LF of a CRLF whose CR ended a line in the previous read: it belongs to the frame in progress.
            if bytes[0] == 0x0A { lineStart = 1 }
        }
        var nextLF = -1
        var nextCR = -1
        while lineStart < count {
            if nextLF < lineStart { nextLF = Self.find(0x0A, in: base, from: lineStart, count: count) }
            if nextCR < lineStart { nextCR = Self.find(0x0D, in: base, from: lineStart, count: count) }
            let end = Swift.min(nextLF, nextCR)
            guard end < count else { break }
            var lineEnd = end + 1
            if bytes[end] == 0x0D {
                if lineEnd == count {
                    lastByteWasCR = true
                } else if bytes[lineEnd] == 0x0A {
                    lineEnd += 1
                }
            }
            let blank: Bool
            if let carried = carriedLine {
                // The line began in an earlier read (so this read has taken nothing yet): complete it in place.
                carriedLine = nil
                pending.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<end]))
                taken = end
                var held: [UInt8] = []
                swap(&held, &pending)
                let start = lineOffset
                blank = held.withUnsafeBufferPointer {
                    endLine(complete: UnsafeBufferPointer(rebasing: $0[carried...]), at: start)
                }
                swap(&held, &pending)
            } else {
                blank = endLine(complete: UnsafeBufferPointer(rebasing: bytes[lineStart..<end]), at: readOffset + lineStart)
            }
            if blank, !fields.isEmpty {
                let frame = takeFrame(bytes[Swift.max(frameStart, taken)..<lineEnd])
                frames.append(SSEFrame(kind: fields.dispatch(frame: frame, at: pendingOffset), offset: pendingOffset, bytes: frame))
                pendingOffset = readOffset + lineEnd
                frameStart = lineEnd
            }
            lineStart = lineEnd
        }
        let keepFrom = Swift.max(frameStart, taken)
        if lineStart < count, carriedLine == nil {
            lineOffset = readOffset + lineStart
            carriedLine = pending.count + lineStart - keepFrom
        }
        if keepFrom < count { pending.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[keepFrom...])) }
    }

    /// Takes one complete line found at stream offset `offset`; true when it is blank.
    private mutating func endLine(complete text: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        var text = text
        var offset = offset
        if atStreamStart {
            atStreamStart = false
            if text.starts(with: [0xEF, 0xBB, 0xBF]) {
                text = UnsafeBufferPointer(rebasing: text[3...])
                offset += 3
            }
        }
        if text.isEmpty { return true }
        fields.take(line: text, at: offset)
        return false
    }

    /// The bytes of a completed frame: those carried from earlier reads, then `tail`.
    private mutating func takeFrame(_ tail: UnsafeBufferPointer<UInt8>.SubSequence) -> [UInt8] {
        guard !pending.isEmpty else { return Array(UnsafeBufferPointer(rebasing: tail)) }
        var bytes: [UInt8] = []
        swap(&bytes, &pending)
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: tail))
        return bytes
    }

    /// The index of the first `byte` at or after `start`, or `count` when there is none.
    private static func find(_ byte: UInt8, in base: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int {
        guard let hit = memchr(base + start, Int32(byte), count - start) else { return count }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
    }
}
