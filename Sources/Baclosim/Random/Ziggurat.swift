import Foundation

/// Ziggurat samplers for the standard normal and the unit exponential (Marsaglia & Tsang 2000,
/// "The ziggurat method for generating random variables", J. Stat. Softw. 5(8)), in the 256-layer
/// form of Doornik 2005 ("An improved ziggurat method to generate normal random samples"): the
/// layer index comes from the low 8 bits and the abscissa from the top bits of the same 64-bit
/// word, so they are independent.
///
/// The rectangle test that settles ~99% of draws is `@inlinable`, so it compiles into the caller
/// with the generator's state in registers; the rare wedge and tail cases are out of line.
///
/// Determinism: the bits, the layer choice and the rectangle test use only IEEE arithmetic. The
/// tables, the wedge test and the tail use `exp`/`log`, which the platform's libm computes to
/// within an ulp or so, so two libms could in principle disagree on a draw lying within an ulp of
/// a boundary (probability of order 2^-50 per draw).
@usableFromInline
enum Ziggurat {
    /// Layer edges and density values of a monotone-decreasing density on [0, ∞).
    ///
    /// Stored in memory allocated once and never freed (two tables of 257 doubles per
    /// distribution for the whole process), so the hot path reads them without reference counting
    /// or bounds checks.
    @usableFromInline
    struct Table: @unchecked Sendable {
        /// `x[0]` = V / f(R) (the base layer's width including its tail), `x[1]` = R, decreasing
        /// to `x[256]` = 0.
        @usableFromInline let x: UnsafePointer<Double>
        /// `f[i]` = f(`x[i]`), unnormalised (f(0) = 1).
        @usableFromInline let f: UnsafePointer<Double>
        /// Start of the tail, R.
        @usableFromInline let tailStart: Double

        /// Builds the 256 equal-area layers of area `layerArea` (V) starting at `tailStart` (R),
        /// by Doornik's `zigNorInit` recurrence x[i+1] = f⁻¹(V / x[i] + f(x[i])).
        init(tailStart: Double, layerArea: Double, density: (Double) -> Double,
             inverseDensity: (Double) -> Double) {
            let x = UnsafeMutablePointer<Double>.allocate(capacity: 257)
            let f = UnsafeMutablePointer<Double>.allocate(capacity: 257)
            x[0] = layerArea / density(tailStart)
            x[1] = tailStart
            for i in 2..<256 {
                x[i] = inverseDensity(layerArea / x[i - 1] + density(x[i - 1]))
            }
            x[256] = 0
            for i in 0...256 { f[i] = density(x[i]) }
            self.x = UnsafePointer(x)
            self.f = UnsafePointer(f)
            self.tailStart = tailStart
        }
    }

    /// R and V for 256 layers of exp(-x²/2) (Doornik 2005).
    @usableFromInline
    static let normalTable = Table(
        tailStart: 3.6541528853610088, layerArea: 0.00492867323399,
        density: { exp(-0.5 * $0 * $0) }, inverseDensity: { (-2 * log($0)).squareRoot() })

    /// R and V for 256 layers of exp(-x) (Marsaglia & Tsang 2000).
    @usableFromInline
    static let exponentialTable = Table(
        tailStart: 7.69711747013104972, layerArea: 0.0039496598225815571993,
        density: { exp(-$0) }, inverseDensity: { -log($0) })

    /// A standard normal draw.
    @inlinable
    static func normal(using generator: inout some RandomNumberGenerator) -> Double {
        let table = normalTable
        while true {
            let bits = generator.next()
            let layer = Int(truncatingIfNeeded: bits & 0xFF)
            let x = UniformBits.openSignedUnit(bits) * table.x[layer]
            if abs(x) < table.x[layer + 1] { return x }
            if let accepted = normalOutsideRectangle(x, layer: layer, using: &generator) {
                return accepted
            }
        }
    }

    /// The wedge or tail case of `normal`: the accepted value, or nil to start over. Inlinable so
    /// callers get a specialised copy; never inlined, to keep the fast path small.
    @inlinable @inline(never)
    static func normalOutsideRectangle(_ x: Double, layer: Int,
                                       using generator: inout some RandomNumberGenerator) -> Double? {
        let table = normalTable
        if layer == 0 {
            // Marsaglia's (1964) tail: R + E1/R conditioned on 2·E2 > (E1/R)².
            var excess: Double, exponential: Double
            repeat {
                excess = -log(UniformBits.openUnit(generator.next())) / table.tailStart
                exponential = -log(UniformBits.openUnit(generator.next()))
            } while 2 * exponential < excess * excess
            return x < 0 ? -(table.tailStart + excess) : table.tailStart + excess
        }
        let height = table.f[layer + 1]
            + (table.f[layer] - table.f[layer + 1]) * UniformBits.openUnit(generator.next())
        return height < exp(-0.5 * x * x) ? x : nil
    }

    /// A unit exponential draw.
    @inlinable
    static func exponential(using generator: inout some RandomNumberGenerator) -> Double {
        let table = exponentialTable
        while true {
            let bits = generator.next()
            let layer = Int(truncatingIfNeeded: bits & 0xFF)
            let x = UniformBits.openUnit(bits) * table.x[layer]
            if x < table.x[layer + 1] { return x }
            if let accepted = exponentialOutsideRectangle(x, layer: layer, using: &generator) {
                return accepted
            }
        }
    }

    /// The wedge or tail case of `exponential`: the accepted value, or nil to start over.
    @inlinable @inline(never)
    static func exponentialOutsideRectangle(_ x: Double, layer: Int,
                                            using generator: inout some RandomNumberGenerator) -> Double? {
        let table = exponentialTable
        if layer == 0 {
            // Memorylessness: beyond R the exponential is R plus a fresh exponential.
            return table.tailStart - log(UniformBits.openUnit(generator.next()))
        }
        let height = table.f[layer + 1]
            + (table.f[layer] - table.f[layer + 1]) * UniformBits.openUnit(generator.next())
        return height < exp(-x) ? x : nil
    }
}
