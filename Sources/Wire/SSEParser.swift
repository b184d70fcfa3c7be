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
/// once when it completes (an event's data is a slice of them); only a line or frame that spans reads is
/// carried over in the buffers below.
public struct SSEParser: Sendable {
    /// Bytes of the frame in progress that arrived in earlier reads.
    private var pending: [UInt8] = []
    private var pendingOffset = 0
    /// The start of a line that arrived in earlier reads, and its offset in the stream.
    private var line: [UInt8] = []
    private var lineOffset = 0
    private var consumed = 0
    private var lastByteWasCR = false
    private var atStreamStart = true
    private var fields = SSEFieldState()
    /// Frames the last read completed: the next read's array starts with room for as many.
    private var framesPerRead = 0

    /// The reconnection delay the server asked for in milliseconds, if any.
    public var retry: Int? { fields.retry }

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
            let text = UnsafeBufferPointer(rebasing: bytes[lineStart..<end])
            if endLine(text, at: readOffset + lineStart), !fields.isEmpty {
                let frame = takeFrame(bytes[frameStart..<lineEnd])
                frames.append(SSEFrame(kind: fields.dispatch(frame: frame, at: pendingOffset), offset: pendingOffset, bytes: frame))
                pendingOffset = readOffset + lineEnd
                frameStart = lineEnd
            }
            lineStart = lineEnd
        }
        if lineStart < count {
            if line.isEmpty { lineOffset = readOffset + lineStart }
            line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[lineStart...]))
        }
        if frameStart < count { pending.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[frameStart...])) }
    }

    /// Takes one complete line (joined to its start from earlier reads) found at stream offset `offset`;
    /// true when it is blank.
    private mutating func endLine(_ text: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        guard line.isEmpty else {
            var carried: [UInt8] = []
            swap(&carried, &line)
            carried.append(contentsOf: text)
            let start = lineOffset
            let blank = carried.withUnsafeBufferPointer { endLine(complete: $0, at: start) }
            carried.removeAll(keepingCapacity: true)
            swap(&carried, &line)
            return blank
        }
        return endLine(complete: text, at: offset)
    }

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
