/// One thing wrong with (or worth knowing about) a config file, with where it is.
public struct ConfigProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case error
        case warning
    }

    public var severity: Severity
    public var file: String
    /// Where in the file, from 1; `nil` when the problem is the file as a whole.
    public var location: ConfigLocation?
    public var message: String

    public init(_ severity: Severity, file: String, at location: ConfigLocation?, _ message: String) {
        self.severity = severity
        self.file = file
        self.location = location
        self.message = message
    }

    /// `config.yaml:12:5: error: unknown key "modle" in profile "local" (did you mean model?)`.
    public var description: String {
        let place = location.map { "\(file):\($0.line):\($0.column)" } ?? file
        return "\(place): \(severity.rawValue): \(message)"
    }
}

/// A line and column in a config file, both counted from 1.
public struct ConfigLocation: Sendable, Equatable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// The config file could not be used; the message says which file, what is wrong, and what to do.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    /// Every error found, when the file was read (empty for errors about a profile's key at run time).
    public var problems: [ConfigProblem]

    public init(_ description: String) {
        self.description = description
        self.problems = []
    }

    /// One error for all the problems, one per line.
    public init(problems: [ConfigProblem]) {
        self.problems = problems
        self.description = problems.map(\.description).joined(separator: "\n")
    }
}
