import ChatModel
import Foundation
import Sessions

/// Writes text to a file descriptor straight from the string's own UTF-8 bytes.
///
/// `FileHandle.write(Data(text.utf8))` copies the text once more before writing it; for a reply of many
/// megabytes that copy is as large as the reply. A write that fails (a closed pipe) ends quietly, as
/// `FileHandle` did.
enum StreamOutput {
    /// A record at least this large is printed on its own.
    static let largeRecord = 1 << 20

    /// What `records` print as, in pieces to write in order: one for a batch of ordinary records, and one per
    /// event of a large record, whose text is then written from the event itself instead of being copied into
    /// a batch's output to have a line end added.
    static func outputs(for records: [RawRecord], with printer: inout EventPrinter) -> [EventPrinter.Output] {
        guard records.contains(where: { $0.bytes.count >= largeRecord }) else { return [printer.output(for: records)] }
        var outputs: [EventPrinter.Output] = []
        var start = 0
        for (index, record) in records.enumerated() where record.bytes.count >= largeRecord {
            outputs.append(printer.output(for: Array(records[start..<index])))
            for event in record.events { outputs.append(printer.output(for: [event])) }
            start = index + 1
        }
        outputs.append(printer.output(for: Array(records[start...])))
        return outputs
    }

    /// Writes one piece: the answer to standard output, the rest to standard error.
    static func write(_ output: EventPrinter.Output) {
        if !output.standardOutput.isEmpty { write(output.standardOutput, to: STDOUT_FILENO) }
        if !output.standardError.isEmpty { write(output.standardError, to: STDERR_FILENO) }
    }

    static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { bytes in
            guard var next = bytes.baseAddress else { return }
            var left = bytes.count
            while left > 0 {
                let written = Foundation.write(descriptor, next, left)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return }
                next += written
                left -= written
            }
        }
    }
}
