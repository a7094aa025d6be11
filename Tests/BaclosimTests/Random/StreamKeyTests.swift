import Testing
@testable import Baclosim

@Suite struct StreamKeyTests {
    @Test func mapsSeedToKeyAndAddressToCounterLanes() {
        let key = StreamKey(seed: 0x0123_4567_89AB_CDEF, subject: 42, purpose: .craving)
        #expect(key.philoxKey == SIMD2(0x89AB_CDEF, 0x0123_4567))
        #expect(key.philoxCounter(day: 7, slot: 3) == SIMD4(3, 7, Purpose.craving.rawValue, 42))
        #expect(key.block(day: 7, slot: 3)
            == Philox4x32.block(counter: SIMD4(3, 7, 4, 42), key: SIMD2(0x89AB_CDEF, 0x0123_4567)))
    }

    @Test func everyAddressNamesADistinctBlock() {
        var blocks = Set<[UInt32]>()
        var addresses = 0
        for seed: UInt64 in [0, 1, 1 << 32] {
            for subject: UInt64 in [0, 1, 2, UInt64(UInt32.max)] {
                for purpose in [Purpose(rawValue: 0), .covariates, .craving, .cueJumps] {
                    let key = StreamKey(seed: seed, subject: subject, purpose: purpose)
                    for day: UInt32 in [0, 1, 2] {
                        for slot: UInt32 in [0, 1, 2] {
                            let b = key.block(day: day, slot: slot)
                            blocks.insert([b.x, b.y, b.z, b.w])
                            addresses += 1
                        }
                    }
                }
            }
        }
        #expect(blocks.count == addresses)
    }

    /// The failure mode of `seed + subject` seeding: (s, i + 1) and (s + 1, i) must differ.
    @Test func neighbouringSeedAndSubjectDoNotCollide() {
        let a = StreamKey(seed: 11, subject: 6, purpose: .drinking)
        let b = StreamKey(seed: 12, subject: 5, purpose: .drinking)
        #expect(a.block(day: 0, slot: 0) != b.block(day: 0, slot: 0))
    }

    @Test func subjectIndexBeyond32BitsIsRejected() async {
        await #expect(processExitsWith: .failure) {
            _ = StreamKey(seed: 1, subject: 1 << 32, purpose: .covariates)
        }
    }
}
