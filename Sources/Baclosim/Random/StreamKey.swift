/// The fixed part of a random stream's address: (seed, subject, purpose). Together with a day and
/// a slot it names exactly one Philox4x32-10 block.
///
/// Mapping to Philox (one block = 128 random bits = two 64-bit outputs):
///
///     key     = (seed low 32 bits, seed high 32 bits)
///     counter = (slot, day, purpose.rawValue, subject)        // lanes x, y, z, w
///
/// For a fixed key Philox is a bijection of the counter, so distinct (subject, purpose, day, slot)
/// under one seed give distinct blocks by construction; distinct seeds are distinct keys, i.e.
/// unrelated permutations.
/// No stream is ever derived by arithmetic on the seed (`seed + i`), which would make
/// (seed, subject + 1) and (seed + 1, subject) collide.
///
/// The subject index must fit in 32 bits (fewer than 4,294,967,296 subjects per seed), checked by
/// a precondition: the scenario layer caps cohort sizes well below that.
public struct StreamKey: Hashable, Sendable {
    /// The run's seed (from the scenario or the command line); the whole Philox key.
    public let seed: UInt64
    /// Index of the simulated subject in the cohort, 0-based; < 2^32. For purposes that are not
    /// per subject (e.g. `Purpose.psaParameters`) it holds that purpose's own index.
    public let subject: UInt64
    /// The stochastic component the numbers are for.
    public let purpose: Purpose

    /// The address of a subject's stream for one purpose.
    /// - Precondition: `subject < 2^32` (it becomes one 32-bit counter word).
    public init(seed: UInt64, subject: UInt64, purpose: Purpose) {
        precondition(subject <= UInt64(UInt32.max),
                     "StreamKey: subject index \(subject) does not fit in 32 bits")
        self.seed = seed
        self.subject = subject
        self.purpose = purpose
    }

    /// The Philox key: the seed split into its low and high 32-bit words.
    @inlinable
    var philoxKey: SIMD2<UInt32> {
        SIMD2(UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32))
    }

    /// The Philox counter of block `slot` on `day` (day 0 is the first simulated day; numbers not
    /// tied to a day, such as baseline covariates, use day 0).
    @inlinable
    func philoxCounter(day: UInt32, slot: UInt32) -> SIMD4<UInt32> {
        SIMD4(slot, day, purpose.rawValue, UInt32(truncatingIfNeeded: subject))
    }

    /// The 128 random bits addressed by (self, day, slot).
    @inlinable
    func block(day: UInt32, slot: UInt32) -> SIMD4<UInt32> {
        Philox4x32.block(counter: philoxCounter(day: day, slot: slot), key: philoxKey)
    }
}
