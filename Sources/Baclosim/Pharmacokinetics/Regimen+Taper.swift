import Foundation

/// A taper planned in the protocol: a shape and the day it starts.
public struct Taper: Sendable, Equatable {
    /// How the daily dose falls.
    public var kind: TaperKind
    /// First day of the taper (day 0 is the first treatment day). The taper starts from the
    /// protocol dose of the day before (titration or maintenance).
    public var startDay: Int

    /// Creates a taper of shape `kind` starting on `startDay`.
    public init(kind: TaperKind, startDay: Int) {
        self.kind = kind
        self.startDay = startDay
    }
}

/// The shape of a taper, as a function of the taper day `k` (0 on the first taper day) and the
/// daily dose `D0` in effect just before it.
///
/// No published data tie taper speed to withdrawal risk for oral baclofen
/// (docs/sources.md#gap-4); the label asks for a reduction "over a period of approximately 1 to 2 weeks".
public enum TaperKind: Sendable, Equatable {
    /// Stop at once: 0 from the first taper day.
    case abrupt
    /// Equal daily decrements over `days` days: day `k < days` gives `D0·(days − k)/(days + 1)`,
    /// then 0 — so `days` reduced days, and the first zero day is `days` after the start
    /// (`days` 2 from 30 mg/day: 20, 10, 0).
    case linear(days: Int)
    /// Remove `stepMg` mg/day every `everyDays` days, the first step on the first taper day:
    /// `max(0, D0 − stepMg·(⌊k/everyDays⌋ + 1))`.
    case stepDown(stepMg: Double, everyDays: Int)
    /// Remove `percent` % of the current dose every `everyDays` days, the first step on the first
    /// taper day: `D0·(1 − percent/100)^(⌊k/everyDays⌋ + 1)`; once that falls below
    /// `floorMgPerDay` the dose is 0 (the taper stops). Steps are computed unrounded so tablet
    /// rounding cannot stall the taper.
    case proportional(percent: Double, everyDays: Int, floorMgPerDay: Double)
    /// Explicit daily doses, each held for its days, then 0 (e.g. RM-1's 45, 30, 15 mg/day).
    case steps([DoseStep])

    /// Daily dose (mg/day) on taper day `taperDay` (0 = first taper day) when the dose before the
    /// taper was `startMgPerDay`.
    ///
    /// - Complexity: O(1), or O(steps) for ``steps(_:)``; no allocation.
    public func dailyDoseMg(startingFromMgPerDay startMgPerDay: Double, taperDay: Int) -> Double {
        guard taperDay >= 0 else { return startMgPerDay }
        switch self {
        case .abrupt:
            return 0
        case .linear(let days):
            guard taperDay < days else { return 0 }
            return startMgPerDay * Double(days - taperDay) / Double(days + 1)
        case .stepDown(let stepMg, let everyDays):
            let steps = Double(taperDay / max(1, everyDays) + 1)
            let dose = startMgPerDay - stepMg * steps
            return dose > Self.zeroToleranceMg ? dose : 0
        case .proportional(let percent, let everyDays, let floorMgPerDay):
            let steps = Double(taperDay / max(1, everyDays) + 1)
            let dose = startMgPerDay * pow(1 - percent / 100, steps)
            return dose < floorMgPerDay ? 0 : dose
        case .steps(let steps):
            var stepEnd = 0
            for step in steps {
                stepEnd += step.days
                if taperDay < stepEnd { return step.mgPerDay }
            }
            return 0
        }
    }

    /// Number of taper days before the dose first reaches 0 when starting from `startMgPerDay`
    /// (0 for an abrupt stop), or `nil` when the taper never reaches 0 (which validation
    /// rejects: a step of 0 mg, or a proportional taper without a positive floor).
    public func lengthDays(startingFromMgPerDay startMgPerDay: Double) -> Int? {
        switch self {
        case .abrupt:
            return 0
        case .linear(let days):
            return max(0, days)
        case .stepDown(let stepMg, let everyDays):
            guard startMgPerDay > 0 else { return 0 }
            guard stepMg > 0, everyDays >= 1 else { return nil }
            // The dose after j steps is D0 − j·step; the first zero comes with step
            // j = ⌈D0/step⌉ (within the same tolerance as above), on taper day (j − 1)·everyDays.
            guard startMgPerDay > Self.zeroToleranceMg else { return 0 }
            let steps = ((startMgPerDay - Self.zeroToleranceMg) / stepMg).rounded(.up)
            return (Int(steps) - 1) * everyDays
        case .proportional(let percent, let everyDays, let floorMgPerDay):
            guard startMgPerDay >= floorMgPerDay else { return 0 }
            guard floorMgPerDay > 0, percent > 0, percent <= 100, everyDays >= 1 else { return nil }
            var steps = 1
            var dose = startMgPerDay * (1 - percent / 100)
            while dose >= floorMgPerDay {
                steps += 1
                dose = startMgPerDay * pow(1 - percent / 100, Double(steps))
            }
            return (steps - 1) * everyDays
        case .steps(let steps):
            return steps.reduce(0) { $0 + max(0, $1.days) }
        }
    }

    /// Step-down remainders at or below this (mg/day) count as zero, so that 60 − 4 × 15 stops the
    /// taper even when floating-point arithmetic leaves a crumb.
    static let zeroToleranceMg = 1e-9

    /// The scenario name of the shape (`abrupt`, `linear`, `step_down`, `proportional`, `steps`).
    public var name: String {
        switch self {
        case .abrupt: "abrupt"
        case .linear: "linear"
        case .stepDown: "step_down"
        case .proportional: "proportional"
        case .steps: "steps"
        }
    }
}

extension Regimen {
    /// The taper this regimen declares for stopping: its `discontinuation` when that is not
    /// abrupt, else its scheduled `taper`'s shape when that is not abrupt, else `nil` (the
    /// protocol stops abruptly). A side effect's `taper` action uses it.
    public var declaredTaperKind: TaperKind? {
        if discontinuation != .abrupt { return discontinuation }
        if let taper, taper.kind != .abrupt { return taper.kind }
        return nil
    }
}
