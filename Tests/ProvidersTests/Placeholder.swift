import XCTest

final class ProvidersPlaceholder: XCTestCase {}
