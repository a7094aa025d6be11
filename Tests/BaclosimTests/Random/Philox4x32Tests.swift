import Testing
@testable import Baclosim

/// Known-answer tests: Random123's `kat_vectors`, lines `philox4x32 10 <counter> <key> <output>`.
@Suite struct Philox4x32Tests {
    @Test func zeroCounterAndKeyMatchRandom123Vector() {
        let out = Philox4x32.block(counter: .zero, key: .zero)
        #expect(out == SIMD4(0x6627_E8D5, 0xE169_C58D, 0xBC57_AC4C, 0x9B00_DBD8))
    }

    @Test func allOnesCounterAndKeyMatchRandom123Vector() {
        let out = Philox4x32.block(counter: SIMD4(repeating: 0xFFFF_FFFF),
                                   key: SIMD2(repeating: 0xFFFF_FFFF))
        #expect(out == SIMD4(0x408F_276D, 0x41C8_3B0E, 0xA20B_C7C6, 0x6D54_51FD))
    }

    @Test func piDigitsCounterAndKeyMatchRandom123Vector() {
        let out = Philox4x32.block(counter: SIMD4(0x243F_6A88, 0x85A3_08D3, 0x1319_8A2E, 0x0370_7344),
                                   key: SIMD2(0xA409_3822, 0x299F_31D0))
        #expect(out == SIMD4(0xD16C_FE09, 0x94FD_CCEB, 0x5001_E420, 0x2412_6EA1))
    }
}
