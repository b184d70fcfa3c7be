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

    /// Prints what `records` say, a batch at a time. A large record's events are printed one by one: its text is
    /// then written from the event itself, not copied into a batch's output to have a line end added.
    static func print(_ records: [RawRecord], with printer: inout EventPrinter) {
        var start = 0
        for (index, record) in records.enumerated() where record.bytes.count >= largeRecord {
            write(printer.output(for: Array(records[start..<index])))
            for event in record.events { write(printer.output(for: [event])) }
            start = index + 1
        }
        write(printer.output(for: Array(records[start...])))
    }

    private static func write(_ output: EventPrinter.Output) {
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
