import XCTest

final class FixtureServerPlaceholder: XCTestCase {}
