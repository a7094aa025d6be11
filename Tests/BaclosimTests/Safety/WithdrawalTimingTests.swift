import Foundation
import Testing
@testable import Baclosim

/// Withdrawal timing within a day (``WithdrawalTiming``): the drive profile against the closed
/// form of a one-compartment oral model, the onset hour against the closed form of a constant
/// drive and the distribution it must follow, and the end of the drive.
@Suite struct WithdrawalTimingTests {
    /// Baclofen-like: CL 11.6 L/h, V 72.8 L, ka 1.64 /h, F 1.
    let model = try! LinearPKModel(LinearPKParameters(clearanceLPerH: 11.6, centralVolumeL: 72.8, absorptionRatePerH: 1.64))

    @Test func theDriveFollowsTheExactConcentrationWithinTheDay() throws {
        // 20 mg at 08:00 into an empty body; the level is C/(C + 0.2 mg/L), A = 0.4, threshold 0.05.
        let dose = 20.0, ka = 1.64, k = 11.6 / 72.8, v = 72.8
        func concentration(_ t: Double) -> Double {
            guard t > 8 else { return 0 }
            let s = t - 8
            return dose * ka / (v * (ka - k)) * (exp(-k * s) - exp(-ka * s))
        }
        let level: (Double) -> Double = { $0 / ($0 + 0.2) }
        let profile = WithdrawalTiming.driveProfile(model: model, midnight: .empty, doses: [DoseEvent(timeH: 8, amountMg: dose)],
                                                    adaptation: 0.4, threshold: 0.05, level: level)
        #expect(profile.count == 96)
        for (i, w) in profile.enumerated() {
            let t = (Double(i) + 0.5) * 0.25
            let expected = max(0, 0.4 - level(concentration(t)) - 0.05)
            #expect(abs(w - expected) < 1e-12, "t = \(t) h: \(w) vs \(expected)")
        }
        // Before the dose the whole drive is there; it ends within the hour after it.
        #expect(abs(profile[0] - 0.35) < 1e-15)
        let end = try #require(WithdrawalTiming.driveEndHour(profile: profile, fromH: 8))
        #expect(end > 8 && end < 9.5)
        #expect(WithdrawalTiming.driveEndHour(profile: profile, fromH: 0) == end)
        #expect(WithdrawalTiming.driveEndHour(profile: [Double](repeating: 0.1, count: 96), fromH: 3) == nil)
    }

    @Test func aConstantDriveGivesTheClosedFormOnsetHour() {
        // Λ(t) = h·t/24: t* = 24·(−ln(1 − v(1 − e^{−h})))/h.
        let flat = [Double](repeating: 0.3, count: 96)
        for h in [0.05, 0.9, 3.0] {
            for v in [0.001, 0.25, 0.5, 0.999] {
                let expected = 24 * -log1p(-v * -expm1(-h)) / h
                #expect(abs(WithdrawalTiming.onsetHour(profile: flat, dailyHazard: h, uniform: v) - expected) < 1e-9, "h \(h), v \(v)")
            }
        }
    }

    @Test func onsetsFollowTheDriveWithinTheDay() {
        // Drive only from 12:00, twice as strong after 18:00: no onset before noon, and given
        // an onset the share after 18:00 is (1 − e^{−Λ(24)} − (1 − e^{−Λ(18)}))/(1 − e^{−Λ(24)})
        // with Λ(18) = h/3 and Λ(24) = h.
        let profile = (0..<96).map { i -> Double in i < 48 ? 0 : i < 72 ? 1 : 2 }
        let h = 1.2
        let n = 20_000
        var late = 0
        var generator = SystemRandomNumberGenerator()
        var hours: [Double] = []
        for _ in 0..<n {
            let hour = WithdrawalTiming.onsetHour(profile: profile, dailyHazard: h, uniform: Double.random(in: 0.000001..<1, using: &generator))
            hours.append(hour)
            if hour >= 18 { late += 1 }
        }
        #expect(hours.allSatisfy { $0 >= 12 && $0 < 24 })
        let expected = (exp(-h / 3) - exp(-h)) / -expm1(-h)
        let share = Double(late) / Double(n)
        #expect(abs(share - expected) < 4.5 * (expected * (1 - expected) / Double(n)).squareRoot(), "\(share) vs \(expected)")
    }
}
