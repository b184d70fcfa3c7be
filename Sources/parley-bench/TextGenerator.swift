/// Deterministic pseudo-text for the benchmark: a fixed vocabulary drawn with a seeded generator.
///
/// Word frequencies follow a rough power law, like real text, so some queries hit thousands of rows and
/// others a handful.
struct TextGenerator {
    private var state: UInt64
    let vocabulary: [String]

    init(seed: UInt64) {
        state = seed
        let syllables = ["ka", "lo", "mi", "ren", "tau", "vel", "qui", "sor", "dan", "pe", "xo", "lun", "gri", "fa"]
        var words = ["stream", "token", "agent", "retriever", "latency", "prompt", "cache", "vector", "schema", "deploy"]
        var generator = SplitMix(state: seed ^ 0x5eed)
        while words.count < 4000 {
            let length = 2 + Int(generator.next() % 3)
            words.append((0..<length).map { _ in syllables[Int(generator.next() % UInt64(syllables.count))] }.joined())
        }
        vocabulary = words
    }

    /// A word, biased towards the start of the vocabulary.
    mutating func word() -> String {
        let r = Double(next() % 1_000_000) / 1_000_000
        return vocabulary[min(vocabulary.count - 1, Int(pow(r, 3) * Double(vocabulary.count)))]
    }

    mutating func sentence(words count: Int) -> String {
        (0..<count).map { _ in word() }.joined(separator: " ")
    }

    mutating func next() -> UInt64 {
        var generator = SplitMix(state: state)
        let value = generator.next()
        state = generator.state
        return value
    }

    private func pow(_ base: Double, _ exponent: Double) -> Double {
        var result = 1.0
        for _ in 0..<Int(exponent) { result *= base }
        return result
    }
}

/// SplitMix64, a tiny seeded generator.
struct SplitMix {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
