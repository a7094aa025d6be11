/// The Philox4x32-10 counter-based block function (Salmon, Moraes, Dror & Shaw 2011,
/// "Parallel random numbers: as easy as 1, 2, 3", SC'11; reference code: Random123 `philox.h`).
///
/// A pure function from a 128-bit counter and a 64-bit key to 128 random bits. Because it has
/// no state, any draw can be addressed directly by its counter: this is what gives Baclosim its
/// common random numbers (docs/model.md#12-engine-rules, rule 2). Ten rounds is the Random123 default, a
/// safety margin over the fewest rounds that pass TestU01 BigCrush in the paper.
public enum Philox4x32 {
    /// Encrypts `counter` under `key` with ten Philox rounds.
    ///
    /// Lane order follows Random123's `r123array4x32.v[0...3]` = `x, y, z, w`, so the published
    /// known-answer vectors (`kat_vectors`, `philox4x32 10`) apply verbatim.
    /// - Complexity: O(1); 20 32×32→64-bit multiplies, no memory traffic.
    @inlinable
    public static func block(counter: SIMD4<UInt32>, key: SIMD2<UInt32>) -> SIMD4<UInt32> {
        // Round multipliers (Random123 `PHILOX_M4x32_0/1`) and key-schedule (Weyl) increments:
        // the golden ratio and sqrt(3) - 1 in 0.32 fixed point (`PHILOX_W32_0/1`).
        let multiplier0: UInt32 = 0xD251_1F53, multiplier1: UInt32 = 0xCD9E_8D57
        let weyl0: UInt32 = 0x9E37_79B9, weyl1: UInt32 = 0xBB67_AE85
        var c0 = counter.x, c1 = counter.y, c2 = counter.z, c3 = counter.w
        var k0 = key.x, k1 = key.y
        // Ten rounds with nine key bumps between them (Random123 `philox4x32_R`).
        for round in 0..<10 {
            if round > 0 {
                k0 &+= weyl0
                k1 &+= weyl1
            }
            let product0 = multiplier0.multipliedFullWidth(by: c0)
            let product1 = multiplier1.multipliedFullWidth(by: c2)
            let next0 = product1.high ^ c1 ^ k0
            let next2 = product0.high ^ c3 ^ k1
            c1 = product1.low
            c3 = product0.low
            c0 = next0
            c2 = next2
        }
        return SIMD4(c0, c1, c2, c3)
    }
}

extension Philox4x32 {
    /// Eight blocks under one key at once, lane by lane equal to ``block(counter:key:)`` of
    /// the counter `(c0[i], c1[i], c2[i], c3[i])`, computed by the lane kernel
    /// (``PhiloxLanes``: AVX2 where the CPU has it, else the portable loop; the same bits). The
    /// engine draws one block for each of a subject-day's purposes this way.
    /// - Complexity: O(1); one call of the lane kernel over eight lanes.
    @inline(__always)
    public static func blocks(c0: SIMD8<UInt32>, c1: SIMD8<UInt32>, c2: SIMD8<UInt32>, c3: SIMD8<UInt32>,
                              key: SIMD2<UInt32>) -> (SIMD8<UInt32>, SIMD8<UInt32>, SIMD8<UInt32>, SIMD8<UInt32>) {
        // Four SIMD8<UInt32> in a tuple are 4 × 8 contiguous words (stride 32 bytes).
        var counters = (c0, c1, c2, c3)
        var blocks = (SIMD8<UInt32>(), SIMD8<UInt32>(), SIMD8<UInt32>(), SIMD8<UInt32>())
        withUnsafeBytes(of: &counters) { input in
            withUnsafeMutableBytes(of: &blocks) { output in
                let c = input.baseAddress!.assumingMemoryBound(to: UInt32.self)
                let o = output.baseAddress!.assumingMemoryBound(to: UInt32.self)
                PhiloxLanes.encrypt(c0: c, c1: c + 8, c2: c + 16, c3: c + 24, key: key, count: 8,
                                    out0: o, out1: o + 8, out2: o + 16, out3: o + 24)
            }
        }
        return blocks
    }
}
