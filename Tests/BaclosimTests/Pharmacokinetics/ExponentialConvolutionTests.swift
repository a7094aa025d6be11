import Foundation
import Testing
@testable import Baclosim

@Suite("Exponential convolutions")
struct ExponentialConvolutionTests {
    /// Partial fractions for distinct, well-separated rates: Σᵢ e^{−λᵢt} / ∏_{j≠i}(λⱼ − λᵢ).
    func partialFractions(_ rates: [Double], _ t: Double) -> Double {
        rates.indices.reduce(0) { sum, i in
            let denominator = rates.indices.filter { $0 != i }.reduce(1.0) { $0 * (rates[$1] - rates[i]) }
            return sum + exp(-rates[i] * t) / denominator
        }
    }

    @Test func matchesPartialFractionsForSeparatedRates() {
        let cases: [[Double]] = [[0.1, 2], [0.05, 0.7, 3], [0, 0.4, 1.5, 6], [0, 0.2, 0.9, 2.5, 7]]
        for rates in cases {
            for t in [0.3, 2.0, 10.0, 40.0] {
                var packed = SIMD8<Double>(repeating: 0)
                for (i, r) in rates.enumerated() { packed[i] = r }
                let value = ExponentialConvolution.value(packed, count: rates.count, t)
                #expect(isClose(value, partialFractions(rates, t), relative: 1e-11, absolute: 1e-300), "rates \(rates) t \(t)")
            }
        }
    }

    @Test func coincidentRatesGiveTheLimitForms() {
        let k = 0.3, t = 5.0
        #expect(isClose(ExponentialConvolution.two(k, k, t), t * exp(-k * t), relative: 1e-15))
        #expect(isClose(ExponentialConvolution.three(k, k, k, t), t * t / 2 * exp(-k * t), relative: 1e-14))
        #expect(isClose(ExponentialConvolution.four(k, k, k, k, t), t * t * t / 6 * exp(-k * t), relative: 1e-14))
        // ∫₀ᵗ∫₀ˢ e^{−au} du ds = t/a − (1 − e^{−at})/a².
        let a = 0.8
        #expect(isClose(ExponentialConvolution.three(0, 0, a, t), t / a - (1 - exp(-a * t)) / (a * a), relative: 1e-14))
        // E(a, a, b) = [E(a,b) − t·e^{−at}]/(a − b)·(−1) for a ≠ b, here with well separated a, b.
        let b = 2.0
        let expected = (t * exp(-a * t) - (exp(-a * t) - exp(-b * t)) / (b - a)) / (b - a)
        #expect(isClose(ExponentialConvolution.three(a, a, b, t), expected, relative: 1e-13))
    }

    @Test func nearlyCoincidentRatesAreContinuous() {
        let k = 0.05, t = 12.0
        let exact2 = ExponentialConvolution.two(k, k, t)
        let exact3 = ExponentialConvolution.three(k, k, 1.0, t)
        for relativeGap in [1e-12, 1e-9, 1e-6] {
            let nearby = k * (1 + relativeGap)
            // The functions' own sensitivity is O(k·t·gap); the evaluation adds no cancellation.
            #expect(isClose(ExponentialConvolution.two(k, nearby, t), exact2, relative: 2 * k * t * relativeGap + 1e-15))
            #expect(isClose(ExponentialConvolution.three(k, nearby, 1.0, t), exact3, relative: 2 * k * t * relativeGap + 1e-14))
        }
    }

    @Test func isContinuousAcrossTheTaylorSwitch() {
        // Scaled spread (λmax − λmin)·t crosses `taylorSpread` = 1 between the two evaluations,
        // while the rates move by ~1e-14 relative: the two methods must agree to rounding.
        let t = 2.0
        for gap in [1e-14, 1e-10] {
            let below = ExponentialConvolution.three(0.3, 0.4, 0.3 + (1 - gap) / t, t)
            let above = ExponentialConvolution.three(0.3, 0.4, 0.3 + (1 + gap) / t, t)
            #expect(isClose(below, above, relative: 1e-13 + gap), "gap \(gap)")
            let below4 = ExponentialConvolution.four(0, 0.1, 0.2, (1 - gap) / t, t)
            let above4 = ExponentialConvolution.four(0, 0.1, 0.2, (1 + gap) / t, t)
            #expect(isClose(below4, above4, relative: 1e-13 + gap), "gap \(gap)")
        }
    }

    @Test func isSymmetricInItsRates() {
        let t = 3.0
        let reference = ExponentialConvolution.four(0.2, 0.21, 1.3, 0, t)
        #expect(isClose(ExponentialConvolution.four(1.3, 0, 0.21, 0.2, t), reference, relative: 1e-14))
        #expect(isClose(ExponentialConvolution.four(0, 1.3, 0.2, 0.21, t), reference, relative: 1e-14))
    }
}
