import XCTest

final class TerminalUIPlaceholder: XCTestCase {}
