import Testing
@testable import Baclosim

/// The batched forms the engine's day loop uses give exactly the scalar streams' numbers.
@Suite struct PhiloxBatchTests {
    @Test func eightLaneBlocksEqualTheScalarBlockOfEachLane() {
        let c0 = SIMD8<UInt32>(0, 1, 2, 0xFFFF_FFFF, 7, 0, 3, 9)
        let c1 = SIMD8<UInt32>(5, 5, 6, 0x1234_5678, 0, 83, 1, 2)
        let c2 = SIMD8<UInt32>(3, 3, 6, 4, 0xFFFF_FFFF, 9, 10, 11)
        let c3 = SIMD8<UInt32>(42, 42, 0, 1, 2, 0xDEAD_BEEF, 5, 6)
        for key in [SIMD2<UInt32>(0, 0), SIMD2(0xA409_3822, 0x299F_31D0), SIMD2(1, 0xFFFF_FFFF)] {
            let batch = Philox4x32.blocks(c0: c0, c1: c1, c2: c2, c3: c3, key: key)
            for lane in 0..<8 {
                let scalar = Philox4x32.block(counter: SIMD4(c0[lane], c1[lane], c2[lane], c3[lane]), key: key)
                #expect(SIMD4(batch.0[lane], batch.1[lane], batch.2[lane], batch.3[lane]) == scalar, "lane \(lane)")
            }
        }
    }

    @Test func prefetchedStreamReplaysTheCounterStream() {
        let key = StreamKey(seed: 0x1234_5678_9ABC, subject: 77, purpose: .craving)
        for day: UInt32 in [0, 1, 83] {
            var plain = CounterStream(key: key, day: day)
            var prefetched = PrefetchedCounterStream(key: key, day: day, firstBlock: key.block(day: day, slot: 0))
            for _ in 0..<9 { #expect(prefetched.next() == plain.next()) }
            #expect(prefetched.normal() == plain.normal())
        }
    }
}

/// A subject-day's batch, read by purpose, gives each purpose's own stream numbers.
@Suite struct SubjectDayBlocksTests {
    @Test func everyBatchedPurposeReadsItsOwnStream() {
        let counters = SubjectDayBlocks.Counters(seed: 0xFEED_0000_0000_BEEF, subject: 4_000_000_001)
        for day: UInt32 in [0, 1, 364] {
            let blocks = SubjectDayBlocks(counters, day: day)
            for (purpose, slot) in SubjectDayBlocks.lanes {
                let key = StreamKey(seed: counters.seed, subject: counters.subject, purpose: purpose)
                #expect(blocks.block(purpose, slot: slot) == key.block(day: day, slot: slot), "\(purpose) slot \(slot)")
                var plain = CounterStream(key: key, day: day, slot: slot)
                let uniforms = blocks.uniforms(purpose, slot: slot)
                #expect(uniforms.first == plain.uniform() && uniforms.second == plain.uniform())
                if slot == 0 {
                    var fromBatch = blocks.stream(purpose), own = CounterStream(key: key, day: day)
                    for _ in 0..<7 { #expect(fromBatch.next() == own.next()) }
                }
            }
        }
        // Each (purpose, slot) has one lane, and the lanes are those of the registry's purposes.
        #expect(Set(SubjectDayBlocks.lanes.map { "\($0.purpose)/\($0.slot)" }).count == 8)
        #expect(SubjectDayBlocks.lane(.covariates, slot: 0) == nil && SubjectDayBlocks.lane(.adherence, slot: 2) == nil)
    }
}
