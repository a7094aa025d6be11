/// The tablets a dose is made of: doses round to what can be given.
public struct TabletStrengths: Sendable, Equatable {
    /// Tablet strengths (mg), each > 0, e.g. baclofen 10 and 25 mg.
    public var strengthsMg: [Double]
    /// Whether the smallest tablet is scored and may be halved (baclofen 10 mg → 5 mg).
    public var smallestScored: Bool
    /// Most tablets (a half tablet counts as one) in a single dose.
    public var maxTabletsPerDose: Int

    /// Default limit on tablets in one dose: enough for 4 × 25 mg = 100 mg of baclofen per dose
    /// with room to spare. ASSUMPTION: no source; patients are rarely asked to take more.
    public static let defaultMaxTabletsPerDose = 8

    /// Creates a tablet set.
    public init(strengthsMg: [Double], smallestScored: Bool = false,
                maxTabletsPerDose: Int = TabletStrengths.defaultMaxTabletsPerDose) {
        self.strengthsMg = strengthsMg
        self.smallestScored = smallestScored
        self.maxTabletsPerDose = maxTabletsPerDose
    }

    /// The most tablet combinations ``givableDosesMg()`` may enumerate: validation refuses more
    /// (30 strengths with 8 tablets a dose would be 48 million), so set-up stays fast. A real
    /// tablet set is far below it (baclofen 10 and 25 mg, scored, 8 tablets: 165).
    public static let maximumCombinations = 100_000

    /// The number of multisets of at most ``maxTabletsPerDose`` units, C(units + max, max),
    /// saturating at `Int.max`: what ``givableDosesMg()`` enumerates.
    var tabletCombinations: Int {
        let n = unitsMg.count, k = max(0, maxTabletsPerDose)
        var count = 1.0
        for i in 0..<k { count = count * Double(n + k - i) / Double(i + 1) }
        return count >= Double(Int.max / 2) ? Int.max : Int(count.rounded())
    }

    /// The units a dose is built from: each strength, plus half the smallest when scored.
    var unitsMg: [Double] {
        var units = strengthsMg.filter { $0 > 0 }
        if smallestScored, let smallest = units.min() { units.append(smallest / 2) }
        return units.sorted()
    }

    /// Every amount (mg) one dose can be, ascending and distinct, 0 included: all sums of at most
    /// ``maxTabletsPerDose`` units.
    ///
    /// - Complexity: O(C(units + max, max)) at set-up; never called on the hot path.
    public func givableDosesMg() -> [Double] {
        let units = unitsMg
        var sums: [Double] = []
        func extend(from unitIndex: Int, total: Double, count: Int) {
            sums.append(total)
            guard count < maxTabletsPerDose else { return }
            for next in unitIndex..<units.count {
                extend(from: next, total: total + units[next], count: count + 1)
            }
        }
        extend(from: 0, total: 0, count: 0)
        sums.sort()
        var distinct: [Double] = []
        for value in sums where distinct.last.map({ value - $0 > 1e-9 }) ?? true {
            distinct.append(value)
        }
        return distinct
    }
}

extension Regimen {
    /// Splits `dailyMg` over `slotCount` doses into `doses`.
    ///
    /// With no tablets every dose is `dailyMg / slotCount`. With tablets each dose is a givable
    /// amount (`givableMg`, ascending, from ``TabletStrengths/givableDosesMg()``), chosen
    /// backwards from the last dose of the day: each takes the givable amount nearest to the
    /// remaining daily dose shared equally over the doses still to fill (ties go to the larger),
    /// so a remainder lands on the later doses. ASSUMPTION: later doses carry the remainder
    /// because sedation is the commonest baclofen side effect (docs/sources.md#rolland2018), so the larger
    /// dose goes nearer the night. When `limitMg` is given and the rounded total exceeds it,
    /// doses are lowered, first dose first, to the next givable amount until it does not.
    ///
    /// - Complexity: O(slots · log(givable amounts)); no allocation.
    static func split(dailyMg: Double, slotCount: Int, givableMg: [Double], limitMg: Double?,
                      into doses: inout DailyDoses) {
        doses.count = slotCount
        guard slotCount > 0 else { return }
        guard !givableMg.isEmpty else {
            let each = dailyMg / Double(slotCount)
            for slot in 0..<slotCount { doses[slot] = each }
            return
        }
        var remaining = dailyMg
        var total = 0.0
        var slot = slotCount - 1
        while slot >= 0 {
            let share = remaining / Double(slot + 1)
            let amount = nearestGivable(share, in: givableMg)
            doses[slot] = amount
            remaining -= amount
            total += amount
            slot -= 1
        }
        guard let limitMg, total > limitMg + DailyDoseCap.toleranceMg else { return }
        var lowered = true
        while total > limitMg + DailyDoseCap.toleranceMg && lowered {
            lowered = false
            for slot in 0..<slotCount where total > limitMg + DailyDoseCap.toleranceMg {
                let current = doses[slot]
                let lower = nextLowerGivable(current, in: givableMg)
                if lower < current {
                    doses[slot] = lower
                    total -= current - lower
                    lowered = true
                }
            }
        }
    }

    /// The element of ascending `values` nearest to `target` (ties to the larger).
    static func nearestGivable(_ target: Double, in values: [Double]) -> Double {
        // Binary search for the first value ≥ target.
        var low = 0
        var high = values.count
        while low < high {
            let mid = (low + high) / 2
            if values[mid] < target { low = mid + 1 } else { high = mid }
        }
        if low == values.count { return values[values.count - 1] }
        if low == 0 { return values[0] }
        let above = values[low]
        let below = values[low - 1]
        return (above - target) <= (target - below) + 1e-12 ? above : below
    }

    /// The largest element of ascending `values` below `value` (or `value` itself if none).
    static func nextLowerGivable(_ value: Double, in values: [Double]) -> Double {
        var low = 0
        var high = values.count
        while low < high {
            let mid = (low + high) / 2
            if values[mid] < value - 1e-9 { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? value : values[low - 1]
    }
}
