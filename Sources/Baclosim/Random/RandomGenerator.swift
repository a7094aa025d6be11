/// A source of random numbers for the model's kernels: `using generator: inout some
/// RandomGenerator`.
///
/// In a simulation the generator is a `CounterStream`, so every draw has an address; tests can
/// pass any conforming generator. The continuous draws below are Baclosim's own algorithms, not
/// the standard library's (`Double.random(in:using:)` does not promise its algorithm across
/// Swift versions), so a seed replays the same numbers on every toolchain (up to the libm caveat
/// in `Ziggurat`).
public protocol RandomGenerator: RandomNumberGenerator {
    /// A uniform draw on the open interval (0, 1): never exactly 0 or 1, so `log(u)` and
    /// `1 / u` are always finite.
    mutating func uniform() -> Double
    /// A standard normal draw (mean 0, variance 1).
    mutating func normal() -> Double
    /// A standard exponential draw (mean 1).
    mutating func exponential() -> Double
}

extension RandomGenerator {
    /// Uses the top 52 bits of one `next()`: `(⌊x / 2^12⌋ + 0.5) · 2^-52`, the midpoints of a
    /// 2^-52 grid, so the result lies in [2^-53, 1 − 2^-53], symmetric about 1/2.
    @inlinable @inline(__always)
    public mutating func uniform() -> Double {
        UniformBits.openUnit(next())
    }

    /// Ziggurat with 256 layers (Marsaglia & Tsang 2000, in Doornik's 2005 form, which takes the
    /// layer and the abscissa from disjoint bits of one 64-bit word). About 99% of draws cost one
    /// `next()` and no transcendental function.
    @inlinable
    public mutating func normal() -> Double {
        Ziggurat.normal(using: &self)
    }

    /// Ziggurat with 256 layers for the unit exponential (Marsaglia & Tsang 2000).
    @inlinable
    public mutating func exponential() -> Double {
        Ziggurat.exponential(using: &self)
    }

    /// `true` with probability `probability` (a uniform draw below it); one `next()`.
    /// - Parameter probability: in [0, 1]; 0 never and 1 always gives `true`.
    @inlinable
    public mutating func bernoulli(probability: Double) -> Bool {
        assert(probability >= 0 && probability <= 1, "bernoulli: probability \(probability) not in [0, 1]")
        return uniform() < probability
    }
}

/// Conversions from random bits to doubles, written out so they never depend on the standard
/// library's unspecified algorithm.
@usableFromInline
enum UniformBits {
    /// (0, 1): midpoints of a 2^-52 grid from the top 52 bits. Not 53: with m < 2^53 the sum
    /// m + 0.5 needs 54 significant bits and rounds, so `(Double(x >> 11) + 0.5) * 0x1p-53`
    /// returns exactly 1.0 for the largest m and is not symmetric.
    @inlinable
    static func openUnit(_ bits: UInt64) -> Double {
        (Double(bits >> 12) + 0.5) * 0x1p-52
    }

    /// [0, 1): the 2^-53 grid from the top 53 bits (GSL's `get_double` contract).
    @inlinable
    static func halfOpenUnit(_ bits: UInt64) -> Double {
        Double(bits >> 11) * 0x1p-53
    }

    /// (-1, 1): midpoints of a 2^-52 grid from the top 53 bits read as a signed integer
    /// m ∈ [−2^52, 2^52); |m + 0.5| < 2^52, so the sum is exact.
    @inlinable
    static func openSignedUnit(_ bits: UInt64) -> Double {
        (Double(Int64(bitPattern: bits) >> 11) + 0.5) * 0x1p-52
    }
}
