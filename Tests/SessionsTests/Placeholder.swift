import XCTest

final class SessionsPlaceholder: XCTestCase {}
