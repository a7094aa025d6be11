@preconcurrency import CGSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Philox4x32-10 as a GSL generator

/// The state of the `philox4x32-10` GSL generator: a `CounterStream` read 32 bits at a time.
/// Plain data, so GSL may `calloc`, `memcpy` (`gsl_rng_memcpy`) and `free` it.
struct PhiloxGSLState {
    var key: SIMD2<UInt32>
    /// Next block's counter (lane x is the slot).
    var counter: SIMD4<UInt32>
    /// The current block.
    var words: SIMD4<UInt32> = .zero
    /// Next word of `words` to return; 4 when the block is used up.
    var wordIndex = 4

    init(key: StreamKey, day: UInt32, slot: UInt32) {
        self.key = key.philoxKey
        self.counter = key.philoxCounter(day: day, slot: slot)
    }

    /// The next 32-bit word: words x, y, z, w of block (key, day, slot), then of slot + 1, …
    @inline(__always)
    mutating func nextWord() -> UInt32 {
        if wordIndex == 4 {
            words = Philox4x32.block(counter: counter, key: key)
            counter.x &+= 1
            wordIndex = 0
        }
        defer { wordIndex += 1 }
        return words[wordIndex]
    }
}

/// `gsl_rng_set`: seed s selects the stream (seed s, subject 0, purpose 0, day 0) — purpose 0 is
/// reserved for this, so it never overlaps a model stream. `gsl_rng_alloc` calls it with
/// `gsl_rng_default_seed` on fresh `calloc`'d memory.
private func philoxGSLSet(_ state: UnsafeMutableRawPointer?, _ seed: UInt) {
    guard let state else { return }
    // GSL `calloc`s the state; malloc's alignment (16 on the supported platforms) covers SIMD4.
    assert(Int(bitPattern: state) % MemoryLayout<PhiloxGSLState>.alignment == 0)
    let key = StreamKey(seed: UInt64(seed), subject: 0, purpose: Purpose(rawValue: 0))
    state.initializeMemory(as: PhiloxGSLState.self, to: PhiloxGSLState(key: key, day: 0, slot: 0))
}

/// `gsl_rng_get`: the next 32-bit word, in [min, max] = [0, 2^32 − 1].
private func philoxGSLGet(_ state: UnsafeMutableRawPointer?) -> UInt {
    UInt(state.unsafelyUnwrapped.assumingMemoryBound(to: PhiloxGSLState.self).pointee.nextWord())
}

/// `gsl_rng_uniform`: two words, low then high, as one 64-bit value — exactly a `CounterStream`
/// output when the word position is even — mapped to [0, 1) with 53 bits.
private func philoxGSLGetDouble(_ state: UnsafeMutableRawPointer?) -> Double {
    let stream = state.unsafelyUnwrapped.assumingMemoryBound(to: PhiloxGSLState.self)
    let low = stream.pointee.nextWord()
    let high = stream.pointee.nextWord()
    return UniformBits.halfOpenUnit(CounterStream.output(low: low, high: high))
}

/// The generator type, allocated once and never freed (GSL keeps a pointer to it in every
/// `gsl_rng`). A global `let` is initialised once, thread-safely; it is never mutated after.
nonisolated(unsafe) let philoxGSLType: UnsafePointer<gsl_rng_type> = {
    let type = UnsafeMutablePointer<gsl_rng_type>.allocate(capacity: 1)
    type.initialize(to: gsl_rng_type(
        name: UnsafePointer(strdup("philox4x32-10")),
        max: 0xFFFF_FFFF,
        min: 0,
        size: MemoryLayout<PhiloxGSLState>.size,
        set: philoxGSLSet,
        get: philoxGSLGet,
        get_double: philoxGSLGetDouble))
    return UnsafePointer(type)
}()

// MARK: - Sampler

/// GSL's samplers (`gsl_ran_*`) drawing from a `CounterStream`, so distributions without a native
/// Swift sampler keep common random numbers (docs/model.md#12-engine-rules, rule 2).
///
/// Owns one `gsl_rng` (freed on deinit; noncopyable, so never double-freed). Not `Sendable`:
/// create one per worker. Point it at the stream you need with `reposition`, which costs a few
/// stores. Every method that draws says which GSL function it calls.
///
///     var sampler = GSLSampler(key: StreamKey(seed: s, subject: i, purpose: .drinkCount), day: d)
///     let drinks = sampler.negativeBinomial(mean: 6, dispersion: 0.4)
public struct GSLSampler: ~Copyable {
    /// The owned generator; its `state` is a `PhiloxGSLState`.
    private let generator: UnsafeMutablePointer<gsl_rng>

    /// A sampler positioned at block `slot` of (key, day).
    public init(key: StreamKey, day: UInt32, slot: UInt32 = 0) {
        GSL.configure()
        guard let generator = gsl_rng_alloc(philoxGSLType) else {
            fatalError("GSLSampler: gsl_rng_alloc failed (out of memory)")
        }
        self.generator = generator
        reposition(key: key, day: day, slot: slot)
    }

    deinit {
        gsl_rng_free(generator)
    }

    private var state: UnsafeMutablePointer<PhiloxGSLState> {
        generator.pointee.state.assumingMemoryBound(to: PhiloxGSLState.self)
    }

    /// Moves to the start of block `slot` of (key, day): afterwards the sampler draws exactly what
    /// a fresh `GSLSampler(key:day:slot:)` would. Rewrites the state in place; no allocation.
    public mutating func reposition(key: StreamKey, day: UInt32, slot: UInt32 = 0) {
        state.pointee = PhiloxGSLState(key: key, day: day, slot: slot)
    }

    /// Uniform on (0, 1) (`gsl_rng_uniform_pos`). Drawn from the same 64-bit output as the
    /// matching `CounterStream.uniform()` (at an even word position) and within 2^-53 of it: GSL
    /// takes 53 bits on a grid from 0, Baclosim 52 bits at grid midpoints.
    public mutating func uniform() -> Double {
        gsl_rng_uniform_pos(generator)
    }

    /// Normal with mean `mean` and standard deviation `sd` ≥ 0, same units as `mean`
    /// (`gsl_ran_gaussian_ziggurat`).
    public mutating func normal(mean: Double, sd: Double) -> Double {
        mean + gsl_ran_gaussian_ziggurat(generator, sd)
    }

    /// Log-normal: exp(N(`zeta`, `sigma`²)); median e^zeta, mean e^(zeta + sigma²/2)
    /// (`gsl_ran_lognormal`).
    public mutating func lognormal(zeta: Double, sigma: Double) -> Double {
        gsl_ran_lognormal(generator, zeta, sigma)
    }

    /// Gamma with `shape` k > 0 and `scale` θ > 0: mean kθ, variance kθ² (`gsl_ran_gamma`,
    /// Marsaglia–Tsang).
    public mutating func gamma(shape: Double, scale: Double) -> Double {
        gsl_ran_gamma(generator, shape, scale)
    }

    /// Beta(`a`, `b`), a, b > 0: mean a/(a+b) (`gsl_ran_beta`).
    public mutating func beta(a: Double, b: Double) -> Double {
        gsl_ran_beta(generator, a, b)
    }

    /// Exponential with mean `mean` > 0, same units as `mean` (`gsl_ran_exponential`).
    public mutating func exponential(mean: Double) -> Double {
        gsl_ran_exponential(generator, mean)
    }

    /// Poisson count with mean `mean` ≥ 0 (`gsl_ran_poisson`).
    public mutating func poisson(mean: Double) -> Int {
        Int(gsl_ran_poisson(generator, mean))
    }

    /// Successes in `n` Bernoulli(`p`) trials (`gsl_ran_binomial`).
    /// - Precondition: 0 ≤ n < 2^32, 0 ≤ p ≤ 1.
    public mutating func binomial(p: Double, n: Int) -> Int {
        precondition(n >= 0 && n <= Int(UInt32.max), "binomial: n = \(n) out of range")
        return Int(gsl_ran_binomial(generator, p, UInt32(n)))
    }

    /// Failures before the `n`-th success in Bernoulli(`p`) trials; `n` > 0 need not be an
    /// integer. Mean n(1−p)/p, variance n(1−p)/p² (`gsl_ran_negative_binomial`).
    public mutating func negativeBinomial(p: Double, n: Double) -> Int {
        Int(gsl_ran_negative_binomial(generator, p, n))
    }

    /// Negative binomial by mean μ ≥ 0 and dispersion α ≥ 0 (the "NB2" form of count regression):
    /// variance μ + α·μ², i.e. a Poisson whose mean is gamma-distributed with shape 1/α.
    /// Equivalent to `negativeBinomial(p: 1 / (1 + αμ), n: 1/α)`; α = 0 gives `poisson(mean:)`.
    public mutating func negativeBinomial(mean: Double, dispersion: Double) -> Int {
        assert(mean >= 0 && dispersion >= 0, "negativeBinomial: mean and dispersion must be ≥ 0")
        if dispersion == 0 { return poisson(mean: mean) }
        return negativeBinomial(p: 1 / (1 + dispersion * mean), n: 1 / dispersion)
    }

    /// A multivariate normal draw x = mean + L·z written into `x` (`gsl_ran_gaussian_ziggurat`
    /// for z, then `CholeskyFactor.transformInPlace`). No allocation when `x` is uniquely
    /// referenced.
    /// - Precondition: `mean.count == cholesky.dimension == x.count`.
    public mutating func multivariateNormal(mean: [Double], cholesky: CholeskyFactor,
                                            into x: inout [Double]) {
        let n = cholesky.dimension
        precondition(mean.count == n && x.count == n,
                     "multivariateNormal: expected \(n) means and \(n) outputs")
        for i in 0..<n { x[i] = gsl_ran_gaussian_ziggurat(generator, 1) }
        cholesky.transformInPlace(&x)
        for i in 0..<n { x[i] += mean[i] }
    }
}
