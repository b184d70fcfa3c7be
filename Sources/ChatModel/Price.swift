import Foundation

/// A price exactly as the server wrote it (`"0.0000470"`, `"0E-7"`), with its value when arithmetic needs one.
///
/// Dify sends prices as decimal strings; a `Decimal` or `Double` would show `0.000047` or `4.7e-05`, figures the
/// server never sent. Parley shows, stores and exports the text; `value` is for sums and comparisons.
public struct Price: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The price as sent.
    public let text: String

    /// A price from its text; `nil` unless the text is a decimal number.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX")) != nil,
              trimmed.allSatisfy({ $0.isNumber || "+-.eE".contains($0) })
        else { return nil }
        self.text = trimmed
    }

    /// The price's value.
    public var value: Decimal? { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) }

    public var description: String { text }
}
