/// A subject's random numbers for one purpose on one day: a `RandomNumberGenerator` that walks
/// the Philox4x32-10 blocks (key, day, slot), (key, day, slot + 1), … (see `StreamKey` for the
/// mapping).
///
/// Each block gives two 64-bit outputs: words (x, y) then (z, w), low word first. The stream holds
/// no other state, so creating one is free and the numbers of (key, day) never depend on what any
/// other stream drew (docs/model.md#12-engine-rules, rule 1). A value type: a copy replays the same numbers.
///
/// Typical use, one stream per (subject, purpose, day):
///
///     var stream = CounterStream(key: StreamKey(seed: seed, subject: i, purpose: .craving), day: d)
///     let noise = stream.normal()
public struct CounterStream: RandomGenerator, Sendable {
    /// The (seed, subject, purpose) this stream belongs to.
    public let key: StreamKey
    /// The day (0-based; day 0 also holds draws not tied to a day, such as baseline covariates).
    public let day: UInt32
    /// The next block to encrypt.
    @usableFromInline var nextSlot: UInt32
    /// The second output of the last block, if not yet returned.
    @usableFromInline var spare: UInt64 = 0
    @usableFromInline var hasSpare = false

    /// A stream positioned at the start of block `slot` of (key, day).
    /// - Parameters:
    ///   - day: simulated day, 0-based.
    ///   - slot: first block to use; a caller that wants fixed addresses for a few named draws
    ///     can reserve slots (e.g. slot 0 for dose timing, slot 1 for dose skipping).
    public init(key: StreamKey, day: UInt32, slot: UInt32 = 0) {
        self.key = key
        self.day = day
        self.nextSlot = slot
    }

    /// The block the next output comes from (after an odd number of outputs, the block already
    /// half used).
    public var slot: UInt32 { hasSpare ? nextSlot &- 1 : nextSlot }

    /// The next 64 random bits.
    /// - Complexity: one Philox block per two calls.
    @inlinable
    public mutating func next() -> UInt64 {
        if hasSpare {
            hasSpare = false
            return spare
        }
        // 2^32 blocks (2^33 draws) per subject, purpose and day: unreachable in practice.
        assert(nextSlot != .max, "CounterStream: slot space of one day exhausted")
        let block = key.block(day: day, slot: nextSlot)
        nextSlot &+= 1
        spare = CounterStream.output(low: block.z, high: block.w)
        hasSpare = true
        return CounterStream.output(low: block.x, high: block.y)
    }

    /// The first uniform of block (key, day, slot), without a stream: a single addressable draw.
    /// Equal to `CounterStream(key: key, day: day, slot: slot).uniform()`.
    @inlinable
    public static func uniform(key: StreamKey, day: UInt32, slot: UInt32) -> Double {
        let block = key.block(day: day, slot: slot)
        return UniformBits.openUnit(output(low: block.x, high: block.y))
    }

    @inlinable
    static func output(low: UInt32, high: UInt32) -> UInt64 {
        UInt64(high) << 32 | UInt64(low)
    }
}
