/// A `CounterStream` of (key, day) whose first block was computed ahead, in a batch with other
/// streams' first blocks (`Philox4x32.blocks`): it gives exactly the numbers of
/// `CounterStream(key: key, day: day)`, the first two outputs from the given block and the
/// rest from blocks 1, 2, … as usual.
struct PrefetchedCounterStream: RandomGenerator {
    /// The first block's two outputs, in order.
    private let first: UInt64, second: UInt64
    /// Outputs of the first block already returned (0, 1 or 2).
    private var used = 0
    /// The stream from block 1 on.
    private var rest: CounterStream

    /// The stream of (key, day) with `block` = Philox block (key, day, slot 0).
    @inline(__always)
    init(key: StreamKey, day: UInt32, firstBlock block: SIMD4<UInt32>) {
        first = CounterStream.output(low: block.x, high: block.y)
        second = CounterStream.output(low: block.z, high: block.w)
        rest = CounterStream(key: key, day: day, slot: 1)
    }

    /// The next 64 random bits (as `CounterStream.next()`).
    @inline(__always)
    mutating func next() -> UInt64 {
        switch used {
        case 0:
            used = 1
            return first
        case 1:
            used = 2
            return second
        default:
            return rest.next()
        }
    }
}
