import Providers
import XCTest

/// A profile's `stream` option: every kind takes it, and a value that is not a yes or no says so.
final class StreamOptionTests: XCTestCase {
    func testEveryKindTakesTheStreamOption() throws {
        for kind in ProviderCatalog.kinds {
            var options = ["stream": "false"]
            if kind == "pais" { options["agent_id"] = "agent-1" }
            let settings = ProviderSettings(kind: kind, baseURL: "http://127.0.0.1:9/v1", apiKey: "k", options: options)
            XCTAssertNoThrow(try ProviderCatalog.provider(for: settings), kind)
            XCTAssertFalse(try settings.streams(), kind)
        }
        XCTAssertTrue(try ProviderSettings(kind: "openai", baseURL: "http://127.0.0.1:9/v1").streams(), "streaming by default")
    }

    func testAStreamValueThatIsNotYesOrNoIsRefusedByName() {
        let settings = ProviderSettings(kind: "openai", baseURL: "http://127.0.0.1:9/v1", options: ["stream": "sometimes"])
        XCTAssertThrowsError(try settings.streams()) { error in
            XCTAssertTrue("\(error)".contains("stream must be true or false"), "\(error)")
        }
    }
}
