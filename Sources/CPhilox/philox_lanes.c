// Philox4x32-10 over lanes: a portable loop and an AVX2 kernel chosen at run time.
// The arithmetic is integer only; the pragma keeps any floating point later added to this
// target from being contracted into FMAs, so results never depend on the CPU.
#pragma STDC FP_CONTRACT OFF

#include "CPhilox.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define BACLOSIM_HAVE_AVX2_KERNEL 1
#include <immintrin.h>
#else
#define BACLOSIM_HAVE_AVX2_KERNEL 0
#endif

// Round multipliers (PHILOX_M4x32_0/1) and key-schedule Weyl increments (PHILOX_W32_0/1).
enum {
    kMultiplier0 = 0xD2511F53u,
    kMultiplier1 = 0xCD9E8D57u,
    kWeyl0 = 0x9E3779B9u,
    kWeyl1 = 0xBB67AE85u,
};

static void philox_portable(const uint32_t *c0, const uint32_t *c1, const uint32_t *c2, const uint32_t *c3,
                            uint32_t key0, uint32_t key1, size_t count,
                            uint32_t *out0, uint32_t *out1, uint32_t *out2, uint32_t *out3) {
    for (size_t i = 0; i < count; i++) {
        uint32_t x = c0[i], y = c1[i], z = c2[i], w = c3[i];
        uint32_t k0 = key0, k1 = key1;
        for (int round = 0; round < 10; round++) {
            if (round > 0) {
                k0 += kWeyl0;
                k1 += kWeyl1;
            }
            uint64_t product0 = (uint64_t)kMultiplier0 * x;
            uint64_t product1 = (uint64_t)kMultiplier1 * z;
            uint32_t nextX = (uint32_t)(product1 >> 32) ^ y ^ k0;
            uint32_t nextZ = (uint32_t)(product0 >> 32) ^ w ^ k1;
            y = (uint32_t)product1;
            w = (uint32_t)product0;
            x = nextX;
            z = nextZ;
        }
        out0[i] = x;
        out1[i] = y;
        out2[i] = z;
        out3[i] = w;
    }
}

#if BACLOSIM_HAVE_AVX2_KERNEL
// The 32×32→64-bit products of eight lanes by one multiplier, as (high words, low words).
// _mm256_mul_epu32 multiplies the even lanes; the odd lanes are shifted down to even first.
// The blends put each lane's words back in its own position (mask 0xAA: odd lanes).
__attribute__((target("avx2"))) static inline void multiply_lanes(__m256i value, __m256i multiplier,
                                                                  __m256i *high, __m256i *low) {
    __m256i even = _mm256_mul_epu32(value, multiplier);
    __m256i odd = _mm256_mul_epu32(_mm256_srli_epi64(value, 32), multiplier);
    *low = _mm256_blend_epi32(even, _mm256_slli_epi64(odd, 32), 0xAA);
    *high = _mm256_blend_epi32(_mm256_srli_epi64(even, 32), odd, 0xAA);
}

__attribute__((target("avx2"))) static void philox_avx2(const uint32_t *c0, const uint32_t *c1, const uint32_t *c2,
                                                        const uint32_t *c3, uint32_t key0, uint32_t key1, size_t count,
                                                        uint32_t *out0, uint32_t *out1, uint32_t *out2,
                                                        uint32_t *out3) {
    const __m256i multiplier0 = _mm256_set1_epi32((int)kMultiplier0);
    const __m256i multiplier1 = _mm256_set1_epi32((int)kMultiplier1);
    size_t i = 0;
    for (; i + 8 <= count; i += 8) {
        __m256i x = _mm256_loadu_si256((const __m256i *)(c0 + i));
        __m256i y = _mm256_loadu_si256((const __m256i *)(c1 + i));
        __m256i z = _mm256_loadu_si256((const __m256i *)(c2 + i));
        __m256i w = _mm256_loadu_si256((const __m256i *)(c3 + i));
        uint32_t k0 = key0, k1 = key1;
        for (int round = 0; round < 10; round++) {
            if (round > 0) {
                k0 += kWeyl0;
                k1 += kWeyl1;
            }
            __m256i high0, low0, high1, low1;
            multiply_lanes(x, multiplier0, &high0, &low0);
            multiply_lanes(z, multiplier1, &high1, &low1);
            __m256i nextX = _mm256_xor_si256(_mm256_xor_si256(high1, y), _mm256_set1_epi32((int)k0));
            __m256i nextZ = _mm256_xor_si256(_mm256_xor_si256(high0, w), _mm256_set1_epi32((int)k1));
            y = low1;
            w = low0;
            x = nextX;
            z = nextZ;
        }
        _mm256_storeu_si256((__m256i *)(out0 + i), x);
        _mm256_storeu_si256((__m256i *)(out1 + i), y);
        _mm256_storeu_si256((__m256i *)(out2 + i), z);
        _mm256_storeu_si256((__m256i *)(out3 + i), w);
    }
    // The tail (fewer than eight lanes) on the portable path: the same bits.
    if (i < count) {
        philox_portable(c0 + i, c1 + i, c2 + i, c3 + i, key0, key1, count - i, out0 + i, out1 + i, out2 + i, out3 + i);
    }
}
#endif

int baclosim_philox_avx2_available(void) {
#if BACLOSIM_HAVE_AVX2_KERNEL
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") ? 1 : 0;
#else
    return 0;
#endif
}

// The chosen path: 0 until first use, then PORTABLE or AVX2. Written before any thread reads
// it in practice; a race only ever stores one of two paths that give the same bits.
static _Atomic int chosenPath = BACLOSIM_PHILOX_PATH_AUTOMATIC;

int baclosim_philox_set_path(baclosim_philox_path path) {
    switch (path) {
    case BACLOSIM_PHILOX_PATH_AUTOMATIC:
        chosenPath = baclosim_philox_avx2_available() ? BACLOSIM_PHILOX_PATH_AVX2 : BACLOSIM_PHILOX_PATH_PORTABLE;
        return 0;
    case BACLOSIM_PHILOX_PATH_PORTABLE:
        chosenPath = BACLOSIM_PHILOX_PATH_PORTABLE;
        return 0;
    case BACLOSIM_PHILOX_PATH_AVX2:
        if (!baclosim_philox_avx2_available()) return -1;
        chosenPath = BACLOSIM_PHILOX_PATH_AVX2;
        return 0;
    }
    return -1;
}

baclosim_philox_path baclosim_philox_current_path(void) {
    int path = chosenPath;
    if (path == BACLOSIM_PHILOX_PATH_AUTOMATIC) {
        baclosim_philox_set_path(BACLOSIM_PHILOX_PATH_AUTOMATIC);
        path = chosenPath;
    }
    return (baclosim_philox_path)path;
}

void baclosim_philox4x32_10_lanes(const uint32_t *c0, const uint32_t *c1, const uint32_t *c2, const uint32_t *c3,
                                  uint32_t key0, uint32_t key1, size_t count,
                                  uint32_t *out0, uint32_t *out1, uint32_t *out2, uint32_t *out3) {
#if BACLOSIM_HAVE_AVX2_KERNEL
    if (baclosim_philox_current_path() == BACLOSIM_PHILOX_PATH_AVX2) {
        philox_avx2(c0, c1, c2, c3, key0, key1, count, out0, out1, out2, out3);
        return;
    }
#endif
    philox_portable(c0, c1, c2, c3, key0, key1, count, out0, out1, out2, out3);
}
