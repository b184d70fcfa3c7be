import Foundation

// SwiftPM links its own `main` into every executable, so libFuzzer's is not used: this one hands the
// arguments to libFuzzer's driver, which parses its flags and fuzzes `fuzzOneInput`.
exit(startFuzzing())
