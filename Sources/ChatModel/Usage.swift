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
    /// How the price was made, where the server says (Dify's unit prices and price units).
    public var pricing: Pricing?

    public init(
        promptTokens: Int? = nil, completionTokens: Int? = nil, totalTokens: Int? = nil,
        totalPrice: Price? = nil, currency: String? = nil, latency: Double? = nil, pricing: Pricing? = nil
    ) {
        self.pricing = pricing
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.totalTokens = totalTokens
        self.totalPrice = totalPrice
        self.currency = currency
        self.latency = latency
    }
}

/// How a price was made, each figure exactly as the server sent it: Dify's `prompt_price` is
/// `prompt_tokens × prompt_unit_price × prompt_price_unit` (a unit of `0.001` means the unit price is per
/// 1,000 tokens), and the same for the completion.
public struct Pricing: Sendable, Equatable {
    public var promptPrice: Price?
    public var promptUnitPrice: Price?
    public var promptPriceUnit: Price?
    public var completionPrice: Price?
    public var completionUnitPrice: Price?
    public var completionPriceUnit: Price?

    public init(
        promptPrice: Price? = nil, promptUnitPrice: Price? = nil, promptPriceUnit: Price? = nil,
        completionPrice: Price? = nil, completionUnitPrice: Price? = nil, completionPriceUnit: Price? = nil
    ) {
        self.promptPrice = promptPrice
        self.promptUnitPrice = promptUnitPrice
        self.promptPriceUnit = promptPriceUnit
        self.completionPrice = completionPrice
        self.completionUnitPrice = completionUnitPrice
        self.completionPriceUnit = completionPriceUnit
    }

    /// The figures by the names Dify gives them, for JSON and storage.
    public var fields: [(name: String, price: Price)] {
        [("prompt_price", promptPrice), ("prompt_unit_price", promptUnitPrice), ("prompt_price_unit", promptPriceUnit),
         ("completion_price", completionPrice), ("completion_unit_price", completionUnitPrice),
         ("completion_price_unit", completionPriceUnit)].compactMap { name, price in price.map { (name, $0) } }
    }

    /// Pricing from figures by Dify's names; `nil` when none is there.
    public init?(fields: (String) -> Price?) {
        self.init(
            promptPrice: fields("prompt_price"), promptUnitPrice: fields("prompt_unit_price"),
            promptPriceUnit: fields("prompt_price_unit"), completionPrice: fields("completion_price"),
            completionUnitPrice: fields("completion_unit_price"), completionPriceUnit: fields("completion_price_unit"))
        if self.fields.isEmpty { return nil }
    }

    /// `0.0010330 (0.001 per 1000 tokens)`: a price with how it was made.
    public static func describe(_ price: Price?, unitPrice: Price?, unit: Price?) -> String? {
        guard let price else { return nil }
        guard let unitPrice else { return price.text }
        let per = unit?.value.flatMap { $0 > 0 ? NSDecimalNumber(decimal: 1 / $0).intValue : nil }
        return "\(price.text) (\(unitPrice.text) per \(per.map { $0 == 1 ? "token" : "\($0) tokens" } ?? "unit"))"
    }
}
