/// A growable stack that each finished JSON container moves its elements out of in one piece.
///
/// `JSONReader` gathers the members and items of the open containers here. Closing a container moves its
/// elements into one exact-sized array: a bitwise move, with no copies, retains or per-element destroys,
/// which an `Array` used as a stack would spend on every object of every event.
struct JSONStack<Element>: ~Copyable {
    /// Nothing is allocated until the first push: a reader that builds no container (a chunk read step by
    /// step) never allocates.
    private var base: UnsafeMutablePointer<Element>?
    private var capacity = 0
    private let initialCapacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        initialCapacity = Swift.max(capacity, 1)
    }

    deinit {
        guard let base else { return }
        base.deinitialize(count: count)
        base.deallocate()
    }

    mutating func push(_ element: consuming Element) {
        if count == capacity {
            let grown = UnsafeMutablePointer<Element>.allocate(capacity: capacity == 0 ? initialCapacity : capacity * 2)
            if let base {
                grown.moveInitialize(from: base, count: count)
                base.deallocate()
            }
            capacity = capacity == 0 ? initialCapacity : capacity * 2
            base = grown
        }
        (base.unsafelyUnwrapped + count).initialize(to: element)
        count += 1
    }

    /// Moves the elements from `mark` to the top into a new array, leaving `mark` elements.
    mutating func pop(from mark: Int) -> [Element] {
        let moving = count - mark
        guard moving > 0 else { return [] }
        // Appending to a reserved array stays specialized; `Array(unsafeUninitializedCapacity:)` would look up
        // the array's type metadata at run time on every call.
        var result: [Element] = []
        result.reserveCapacity(moving)
        let base = base.unsafelyUnwrapped
        for i in mark..<count { result.append((base + i).move()) }
        count = mark
        return result
    }
}
