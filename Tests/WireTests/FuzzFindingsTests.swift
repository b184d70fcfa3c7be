import TestSupport
import Wire
import XCTest

/// Inputs `make fuzz` found, kept so each stays covered (Tests/Fixtures/fuzz/findings).
///
/// Both SSE findings are a read that ends between the CR and the LF of a blank line's CRLF: the frame is
/// complete at the CR, so the LF opens the next frame (or, at the end of the stream, is in no frame at all).
/// The events stay the same; only the raw records' bytes differ by that LF. Elsewhere frames must be equal.
final class FuzzFindingsTests: XCTestCase {
    private let sseFindings = ["sse-split-crlf.bin", "sse-split-final-lf.bin"]

    func testSSEFindingsGiveTheSameEventsAtEverySplit() throws {
        for name in sseFindings {
            let bytes = try Fixtures.bytes("fuzz/findings/" + name)
            let expected = frames(of: bytes, cuts: [])
            XCTAssertFalse(expected.isEmpty, name)
            for first in 0...bytes.count {
                for second in first...bytes.count {
                    let split = frames(of: bytes, cuts: [first, second])
                    XCTAssertEqual(split.map(\.kind), expected.map(\.kind), "\(name) split at \(first) and \(second)")
                    guard !insideCRLF(bytes, first), !insideCRLF(bytes, second) else { continue }
                    XCTAssertEqual(split, expected, "\(name) split at \(first) and \(second)")
                }
            }
        }
    }

    private func frames(of bytes: [UInt8], cuts: [Int]) -> [SSEFrame] {
        var parser = SSEParser()
        var frames: [SSEFrame] = []
        var start = 0
        for cut in cuts + [bytes.count] {
            frames += parser.feed(bytes[start..<cut])
            start = cut
        }
        return frames + parser.finish()
    }

    private func insideCRLF(_ bytes: [UInt8], _ cut: Int) -> Bool {
        cut > 0 && cut < bytes.count && bytes[cut - 1] == 0x0D && bytes[cut] == 0x0A
    }
}
