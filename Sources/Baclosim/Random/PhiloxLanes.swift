import CPhilox

/// Philox4x32-10 over lanes of independent counters under one key: the kernel that draws a
/// day's blocks for many streams at once (several purposes of a subject, or one purpose of many
/// subjects).
///
/// Two implementations give the same bits, lane by lane equal to ``Philox4x32/block(counter:key:)``
/// (integer arithmetic only, so nothing depends on the CPU): an AVX2 kernel over eight lanes per
/// vector (`_mm256_mul_epu32` on even and odd lanes), used when the CPU has AVX2, and a portable
/// loop for any other CPU. Both live in the C target `CPhilox`; the AVX2 function carries its own
/// `target("avx2")` attribute, so the package builds for any x86-64 and checks the CPU at run time.
public enum PhiloxLanes {
    /// An implementation of the lane kernel.
    public enum Path: String, Sendable, CaseIterable {
        /// Plain C, one lane at a time.
        case portable
        /// AVX2, eight lanes per vector.
        case avx2
    }

    /// Whether this build has the AVX2 kernel and this CPU runs it.
    public static var avx2Available: Bool { baclosim_philox_avx2_available() == 1 }

    /// The implementation calls take now (AVX2 where available unless another was chosen).
    public static var path: Path {
        baclosim_philox_current_path() == BACLOSIM_PHILOX_PATH_AVX2 ? .avx2 : .portable
    }

    /// Makes every later call in this process take `path` (`nil`: the best the CPU has). For
    /// tests and benchmarks that compare the paths; results are the same either way.
    /// - Returns: `false` (nothing changed) when `path` is `.avx2` and the CPU or build lacks it.
    @discardableResult
    public static func use(_ path: Path?) -> Bool {
        let choice: baclosim_philox_path = switch path {
        case nil: BACLOSIM_PHILOX_PATH_AUTOMATIC
        case .portable: BACLOSIM_PHILOX_PATH_PORTABLE
        case .avx2: BACLOSIM_PHILOX_PATH_AVX2
        }
        return baclosim_philox_set_path(choice) == 0
    }

    /// Encrypts `count` counters: for each lane `i`, `(out0[i], out1[i], out2[i], out3[i])` is
    /// the Philox4x32-10 block of counter `(c0[i], c1[i], c2[i], c3[i])` under `key`.
    /// - Precondition: each buffer holds at least `count` words; outputs do not overlap inputs.
    @inline(__always)
    public static func encrypt(c0: UnsafePointer<UInt32>, c1: UnsafePointer<UInt32>, c2: UnsafePointer<UInt32>,
                               c3: UnsafePointer<UInt32>, key: SIMD2<UInt32>, count: Int,
                               out0: UnsafeMutablePointer<UInt32>, out1: UnsafeMutablePointer<UInt32>,
                               out2: UnsafeMutablePointer<UInt32>, out3: UnsafeMutablePointer<UInt32>) {
        baclosim_philox4x32_10_lanes(c0, c1, c2, c3, key.x, key.y, count, out0, out1, out2, out3)
    }
}
