import Providers
import Sessions
import StreamTools
import XCTest

/// Lists of kinds kept outside the registry (the linter sits beside Providers and cannot import it) must still
/// cover every registered kind, so a new kind fails here instead of being silently unknown.
final class RegistryCoverageTests: XCTestCase {
    func testTheLinterKnowsEveryRegisteredKind() {
        XCTAssertEqual(Set(ProviderKind.names).subtracting(Linter.protocols), [])
    }

    func testCompanionMessagesComeFromTheRegistry() {
        for kind in ProviderKind.allCases {
            let details = kind.details
            let pull = HistoryPuller.unsupportedReason(kind: kind.rawValue)
            let rename = RemoteConversationActions.noCall("rename", kind: kind.rawValue)
            XCTAssertTrue(pull.contains(details.title), pull)
            XCTAssertTrue(rename.contains(details.title) && rename.contains(details.conversationNoun), rename)
        }
    }
}
