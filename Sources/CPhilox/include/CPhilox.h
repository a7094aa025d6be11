// Philox4x32-10 over lanes of independent counters (Salmon, Moraes, Dror & Shaw 2011, SC'11;
// round constants from Random123's philox.h). Counters and outputs are structures of arrays:
// word w of lane i lives at words[w][i]. Every path gives the same bits as the scalar
// Philox4x32.block of each lane (integer arithmetic only).
#ifndef BACLOSIM_CPHILOX_H
#define BACLOSIM_CPHILOX_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Which implementation baclosim_philox4x32_10_lanes uses.
typedef enum {
    /// The best the CPU supports (the default): AVX2 where the CPU has it, else portable.
    BACLOSIM_PHILOX_PATH_AUTOMATIC = 0,
    /// Plain C, one lane at a time (any CPU).
    BACLOSIM_PHILOX_PATH_PORTABLE = 1,
    /// AVX2, eight lanes per vector; only when baclosim_philox_avx2_available() is 1.
    BACLOSIM_PHILOX_PATH_AVX2 = 2,
} baclosim_philox_path;

/// 1 when this build has the AVX2 kernel and the CPU runs it, else 0.
int baclosim_philox_avx2_available(void);

/// Sets the path every later call takes (process-wide; for tests and benchmarks). Returns 0,
/// or -1 (and changes nothing) for AVX2 on a CPU or build without it.
int baclosim_philox_set_path(baclosim_philox_path path);

/// The path calls take now: PORTABLE or AVX2, never AUTOMATIC.
baclosim_philox_path baclosim_philox_current_path(void);

/// Encrypts `count` counters under the key (key0, key1): for each lane i,
/// (out0[i], out1[i], out2[i], out3[i]) = Philox4x32-10((c0[i], c1[i], c2[i], c3[i]), key).
/// Outputs must not overlap the inputs.
void baclosim_philox4x32_10_lanes(const uint32_t *c0, const uint32_t *c1, const uint32_t *c2, const uint32_t *c3,
                                  uint32_t key0, uint32_t key1, size_t count,
                                  uint32_t *out0, uint32_t *out1, uint32_t *out2, uint32_t *out3);

#ifdef __cplusplus
}
#endif

#endif
