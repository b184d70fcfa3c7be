import XCTest

final class WorkbenchPlaceholder: XCTestCase {}
