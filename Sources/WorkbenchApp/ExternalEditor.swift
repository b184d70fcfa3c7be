import Foundation

/// Runs the user's editor on a private temporary copy of a text and reads back what it saved.
///
/// The editor is `$EDITOR`, else `$VISUAL`, else `vi`, run through `/bin/sh` so that a value with arguments
/// (`code --wait`, `vim -u NONE`) works as in git. The file is made with `mkstemps` (mode 0600, a `.md` name
/// so that editors colour Markdown) and removed afterwards. The caller has left the screen; this blocks until
/// the editor exits. Any failure leaves the text where it was and says why.
enum ExternalEditor {
    /// What came of an edit: the saved text, or why there is none.
    enum Outcome: Sendable, Equatable {
        case saved(String)
        case failed(String)
    }

    /// The editor command the environment names.
    static func command(environment: [String: String]) -> String {
        for name in ["EDITOR", "VISUAL"] {
            if let value = environment[name], !value.trimmingCharacters(in: .whitespaces).isEmpty { return value }
        }
        return "vi"
    }

    static func edit(_ text: String, environment: [String: String]) -> Outcome {
        let editor = command(environment: environment)
        let folder = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(folder)/parley-message-XXXXXX.md".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 3) }
        guard fd >= 0 else {
            return .failed("Could not make a temporary file in \(folder) for the editor: \(String(cString: strerror(errno))). The message is unchanged.")
        }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(path) }
        _ = fchmod(fd, 0o600)
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { writeAll(fd, $0) }
        close(fd)
        guard written else {
            return .failed("Could not write the message to \(path): \(String(cString: strerror(errno))). The message is unchanged.")
        }
        let status: Int32
        switch run(editor, file: path) {
        case .success(let value): status = value
        case .failure(let reason): return .failed("Could not start the editor `\(editor)`: \(reason). The message is unchanged.")
        }
        if let failure = explain(status, editor: editor) { return .failed(failure) }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failed("The editor `\(editor)` left no file to read back at \(path). The message is unchanged.")
        }
        return .saved(String(decoding: data, as: UTF8.self))
    }

    /// Why a finished editor's wait status means its file is not to be read, or `nil` when it exited with 0.
    static func explain(_ status: Int32, editor: String) -> String? {
        let signal = status & 0x7F
        if signal != 0 {
            return "The editor `\(editor)` was ended by signal \(signal). The message is unchanged."
        }
        switch (status >> 8) & 0xFF {
        case 0: return nil
        case 127:
            return "No editor `\(editor)` was found. The message is unchanged; set $EDITOR (or $VISUAL) to your editor's command."
        case 126:
            return "The editor `\(editor)` could not be run (permission denied). The message is unchanged; check $EDITOR."
        case let code:
            return "The editor `\(editor)` exited with status \(code), so its file was not read back. The message is unchanged."
        }
    }

    /// Runs `sh -c 'EDITOR "$1"' sh FILE` in the foreground with default signals, and waits for it.
    private static func run(_ editor: String, file: String) -> Result<Int32, EditorError> {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let arguments = ["/bin/sh", "-c", editor + " \"$1\"", "sh", file]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, "/bin/sh", nil, &attributes, &argv, environ)
        guard code == 0 else { return .failure(EditorError(String(cString: strerror(code)))) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return .failure(EditorError(String(cString: strerror(errno)))) }
        }
        return .success(status)
    }

    private static func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < buffer.count {
            let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return false }
            offset += n
        }
        return true
    }

    struct EditorError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
