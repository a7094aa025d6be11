import Testing
@testable import Baclosim

/// The lane kernel's two paths (AVX2 and portable) give the scalar generator's blocks word for
/// word, for any number of lanes (whole vectors and a tail), and the Random123 known answers.
/// Forcing a path is process-wide, so the suite runs serially and restores the automatic choice.
@Suite(.serialized) struct PhiloxLanesTests {
    /// The paths this machine can run (AVX2 only on a CPU with it).
    static var runnablePaths: [PhiloxLanes.Path] { PhiloxLanes.avx2Available ? [.portable, .avx2] : [.portable] }

    /// `count` lanes through the kernel on `path`.
    func encrypt(_ counters: [SIMD4<UInt32>], key: SIMD2<UInt32>, path: PhiloxLanes.Path) -> [SIMD4<UInt32>] {
        #expect(PhiloxLanes.use(path))
        defer { PhiloxLanes.use(nil) }
        let c0 = counters.map(\.x), c1 = counters.map(\.y), c2 = counters.map(\.z), c3 = counters.map(\.w)
        var o0 = [UInt32](repeating: 0, count: counters.count), o1 = o0, o2 = o0, o3 = o0
        o0.withUnsafeMutableBufferPointer { o0 in
            o1.withUnsafeMutableBufferPointer { o1 in
                o2.withUnsafeMutableBufferPointer { o2 in
                    o3.withUnsafeMutableBufferPointer { o3 in
                        PhiloxLanes.encrypt(c0: c0, c1: c1, c2: c2, c3: c3, key: key, count: counters.count,
                                            out0: o0.baseAddress!, out1: o1.baseAddress!, out2: o2.baseAddress!,
                                            out3: o3.baseAddress!)
                    }
                }
            }
        }
        return counters.indices.map { SIMD4(o0[$0], o1[$0], o2[$0], o3[$0]) }
    }

    @Test(arguments: runnablePaths) func random123KnownAnswersInEveryLane(path: PhiloxLanes.Path) {
        // Random123 kat_vectors, `philox4x32 10`: (counter, key) → block.
        let vectors: [(SIMD4<UInt32>, SIMD2<UInt32>, SIMD4<UInt32>)] = [
            (.zero, .zero, SIMD4(0x6627_E8D5, 0xE169_C58D, 0xBC57_AC4C, 0x9B00_DBD8)),
            (SIMD4(repeating: 0xFFFF_FFFF), SIMD2(repeating: 0xFFFF_FFFF), SIMD4(0x408F_276D, 0x41C8_3B0E, 0xA20B_C7C6, 0x6D54_51FD)),
            (SIMD4(0x243F_6A88, 0x85A3_08D3, 0x1319_8A2E, 0x0370_7344), SIMD2(0xA409_3822, 0x299F_31D0),
             SIMD4(0xD16C_FE09, 0x94FD_CCEB, 0x5001_E420, 0x2412_6EA1)),
        ]
        for (counter, key, expected) in vectors {
            // Nine lanes: one whole vector on the AVX2 path and a tail of one.
            let blocks = encrypt(Array(repeating: counter, count: 9), key: key, path: path)
            #expect(blocks.allSatisfy { $0 == expected }, "\(path): counter \(counter)")
        }
    }

    @Test(arguments: runnablePaths) func everyLaneEqualsTheScalarBlock(path: PhiloxLanes.Path) {
        // Counters with carries in every word, and lane counts around the vector width.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func word() -> UInt32 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt32(truncatingIfNeeded: state >> 29)
        }
        for count in [0, 1, 7, 8, 9, 16, 23, 1_000] {
            let counters = (0..<count).map { _ in SIMD4(word(), word(), word(), word()) }
            let keys: [SIMD2<UInt32>] = [SIMD2(0, 0), SIMD2(word(), word()), SIMD2(repeating: 0xFFFF_FFFF)]
            for key in keys {
                let lanes = encrypt(counters, key: key, path: path)
                let scalar = counters.map { Philox4x32.block(counter: $0, key: key) }
                #expect(lanes == scalar, "\(path): \(count) lanes, key \(key)")
            }
        }
    }

    @Test func forcingAPathIsReportedAndAutomaticPrefersAVX2() {
        #expect(PhiloxLanes.use(.portable))
        #expect(PhiloxLanes.path == .portable)
        #expect(PhiloxLanes.use(.avx2) == PhiloxLanes.avx2Available)
        PhiloxLanes.use(nil)
        #expect(PhiloxLanes.path == (PhiloxLanes.avx2Available ? .avx2 : .portable))
    }

    /// The engine's results do not depend on the path: shipped scenarios at a small size, run
    /// on each path, give byte-identical tables (every file but the manifest, which holds times).
    @Test(arguments: ["reference/rm1.yaml", "comparators/withdrawal-comparators.yaml",
                      "economics/uk-relapse-prevention-12m.yaml"])
    func engineTablesAreByteIdenticalOnEveryPath(path: String) throws {
        let scenario = try Scenario.load(path: SharedArmPrefixesTests.scenarios.appendingPathComponent(path).path)
        let simulation = try Simulation(scenario: scenario)
        var runs: [[(name: String, text: String)]] = []
        for lanePath in Self.runnablePaths {
            #expect(PhiloxLanes.use(lanePath))
            defer { PhiloxLanes.use(nil) }
            let result = try simulation.run(subjects: 200, threads: 2)
            runs.append(try result.files().filter { $0.name != "manifest.json" }.map { ($0.name, $0.text) })
        }
        #expect(runs.first?.isEmpty == false)
        for other in runs.dropFirst() {
            #expect(other.map(\.name) == runs[0].map(\.name))
            for (file, reference) in zip(other, runs[0]) {
                #expect(file.text == reference.text, "\(path): \(file.name) differs between lane-kernel paths")
            }
        }
    }
}
