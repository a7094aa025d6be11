import Foundation
import Testing
@testable import Baclosim

@Suite struct StandardNormalDistributionTests {
    @Test func cdfMatchesHighPrecisionValues() {
        // Values from the exact erfc (Abramowitz & Stegun 26.2; mpmath to 17 digits).
        let cases: [(Double, Double)] = [
            (0, 0.5), (1, 0.84134474606854293), (1.959963984540054, 0.975),
            (-3, 0.0013498980316300946), (-8, 6.2209605742717841e-16), (5, 0.99999971334842808),
        ]
        for (z, expected) in cases {
            // Relative error limit: rounding z/√2 alone costs ≈ z²·1e-16 relative in the tail.
            #expect(abs(StandardNormalDistribution.cdf(z) - expected) <= 1e-14 * expected, "Φ(\(z))")
        }
    }

    @Test func quantileMatchesHighPrecisionValues() {
        let cases: [(Double, Double)] = [
            (0.5, 0), (0.975, 1.959963984540054), (0.025, -1.959963984540054),
            (1e-10, -6.3613409024040557), (0.999, 3.0902323061678132), (0.3, -0.52440051270804067),
        ]
        for (p, expected) in cases {
            #expect(abs(StandardNormalDistribution.quantile(p) - expected) <= 1e-13 * max(1, abs(expected)),
                    "Φ⁻¹(\(p))")
        }
    }

    @Test func quantileInvertsCdfAcrossTheRange() {
        // Lower tail and centre only: for z ≫ 0, Φ(z) rounds near 1 and dz = dp/φ(z) is
        // ill-conditioned whatever the algorithm; Φ⁻¹ is symmetric, checked separately.
        for i in 0...250 {
            let z = -9.5 + Double(i) * 0.05
            let back = StandardNormalDistribution.quantile(StandardNormalDistribution.cdf(z))
            #expect(abs(back - z) <= 1e-12 * max(1, abs(z)), "z = \(z)")
        }
        for p in stride(from: 0.001, to: 0.5, by: 0.0123) {
            #expect(StandardNormalDistribution.quantile(1 - p) == -StandardNormalDistribution.quantile(p)
                    || abs(StandardNormalDistribution.quantile(1 - p) + StandardNormalDistribution.quantile(p)) < 1e-13)
        }
    }
}
