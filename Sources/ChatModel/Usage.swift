import Foundation

/// Token counts and, where the provider gives them, prices and latency.
///
/// The price is kept as the server wrote it (`Price`): Dify sends strings like `"0.0000495"`, and a number
/// type would show users figures their bill never had.
public struct Usage: Sendable, Equatable {
    public var promptTokens: Int?
    public var completionTokens: Int?
    public var totalTokens: Int?
    public var totalPrice: Price?
    public var currency: String?
    /// Server-reported latency in seconds (Dify `latency`).
    public var latency: Double?

    public init(
        promptTokens: Int? = nil, completionTokens: Int? = nil, totalTokens: Int? = nil,
        totalPrice: Price? = nil, currency: String? = nil, latency: Double? = nil
    ) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.totalTokens = totalTokens
        self.totalPrice = totalPrice
        self.currency = currency
        self.latency = latency
    }
}
