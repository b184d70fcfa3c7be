import Foundation

/// Token counts and, where the provider gives them, prices and latency.
///
/// Prices stay `Decimal` because Dify sends them as strings like `"0.0000495"` and rounding them through
/// `Double` would show users numbers their bill never had.
public struct Usage: Sendable, Equatable {
    public var promptTokens: Int?
    public var completionTokens: Int?
    public var totalTokens: Int?
    public var totalPrice: Decimal?
    public var currency: String?
    /// Server-reported latency in seconds (Dify `latency`).
    public var latency: Double?

    public init(
        promptTokens: Int? = nil, completionTokens: Int? = nil, totalTokens: Int? = nil,
        totalPrice: Decimal? = nil, currency: String? = nil, latency: Double? = nil
    ) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.totalTokens = totalTokens
        self.totalPrice = totalPrice
        self.currency = currency
        self.latency = latency
    }
}
