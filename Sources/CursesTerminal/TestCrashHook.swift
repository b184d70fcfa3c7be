import Foundation

/// A test hook, not a feature: with `PARLEY_TEST_CRASH` set, F12 in the workbench crashes Parley on purpose,
/// so the end-to-end tests can check that a real crash leaves the terminal usable (`FatalSignalRestore`).
///
/// `trap` is a Swift runtime trap (`fatalError`: SIGILL on x86-64, SIGTRAP on arm64), `segv` a store through a
/// bad pointer (SIGSEGV), `abort` a call to `abort()` (SIGABRT). Only the tests set the variable (DECISIONS.md,
/// "A crash restores the terminal").
enum TestCrashHook: String {
    case trap
    case segv
    case abort

    /// The crash asked for by `PARLEY_TEST_CRASH`, or nil when it is unset or names nothing known.
    static let requested = ProcessInfo.processInfo.environment["PARLEY_TEST_CRASH"].flatMap(TestCrashHook.init)

    func fire() {
        switch self {
        case .trap: fatalError("PARLEY_TEST_CRASH=trap: crashing on purpose (F12)")
        case .segv: UnsafeMutablePointer<Int>(bitPattern: 8)!.pointee = 1
        case .abort: Foundation.abort()
        }
    }
}
