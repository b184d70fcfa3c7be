import Foundation

/// Writes text to a file descriptor straight from the string's own UTF-8 bytes.
///
/// `FileHandle.write(Data(text.utf8))` copies the text once more before writing it; for a reply of many
/// megabytes that copy is as large as the reply. A write that fails (a closed pipe) ends quietly, as
/// `FileHandle` did.
enum StreamOutput {
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
