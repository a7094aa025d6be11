/// Arms that give a subject the same treatment up to some day, simulated once up to that day.
///
/// With common random numbers (docs/model.md#12-engine-rules, rule 2), two arms whose subject gets the same
/// drug, the same doses and the same models are the same computation, day for day, until
/// their dose schedules part: RM-1's `baclofen60taper` and `baclofen60abrupt` agree on days
/// 0–69, and a taper comparison's arms on everything before the stop. A follower arm takes
/// its leader's days instead of recomputing them, and on the first day they may differ (a
/// fork) it takes a copy of the leader's state and goes on alone. The output is byte-identical
/// to simulating every arm on every day (`CohortSimulator`, `sharesArmPrefixes: false`; the
/// tests run every shipped scenario both ways).
///
/// The plan is per run; which subjects follow is decided per subject (an arm the subject is
/// excluded from or reassigned out of, a subject whose regimen starts adjusted, or one whose
/// trajectory is recorded is simulated on its own), and a follower forks early when its leader's
/// regimen changes for the subject (a dose reduction, an early stop, a restart).
struct SharedArmPrefixes: Sendable, Equatable {
    /// Per arm: the earlier arm whose days it takes, or −1.
    let leader: [Int]
    /// Per arm: it takes days `0 ..< days[arm]` from its leader (0 without a leader).
    let days: [Int]

    /// No arm follows another.
    init(armCount: Int) {
        leader = Array(repeating: -1, count: armCount)
        days = Array(repeating: 0, count: armCount)
    }

    /// The plan for `armCount` arms over `horizonDays` days.
    ///
    /// - Parameters:
    ///   - compatible: whether two arms differ in nothing the day loop reads but their doses
    ///     (the same drug and dose times, drug effect, side-effect, withdrawal and toxicity
    ///     models, hazard ratio, psychosocial therapy, cost model, and the regimen rules a dose
    ///     change reads: cap, renal rule, reduction step). Must be an equivalence (a field-wise
    ///     equality), so a follower of a follower may take its days from the first leader.
    ///   - sameDoses: whether two arms give the same doses on a day (slot amounts, daily total
    ///     and protocol dose, compared bit for bit).
    ///
    /// Each arm follows the earlier compatible arm with which it shares the longest run of
    /// leading days (the first such arm on a tie). It takes one day fewer than that run: a dose
    /// reduction on the run's last day sets a ceiling from the next day's dose, which the two
    /// arms no longer share, so the follower must compute that day itself.
    init(armCount: Int, horizonDays: Int, compatible: (Int, Int) -> Bool, sameDoses: (_ a: Int, _ b: Int, _ day: Int) -> Bool) {
        var leader = Array(repeating: -1, count: armCount)
        var days = Array(repeating: 0, count: armCount)
        for b in 0..<armCount {
            var bestRun = 0
            for a in 0..<b where compatible(a, b) {
                var run = 0
                while run < horizonDays && sameDoses(a, b, run) { run += 1 }
                if run > bestRun {
                    bestRun = run
                    leader[b] = a
                }
            }
            // A run through the horizon has no next day: the whole horizon is shared.
            days[b] = bestRun == horizonDays ? horizonDays : max(0, bestRun - 1)
            if days[b] == 0 { leader[b] = -1 }
        }
        self.leader = leader
        self.days = days
    }

    /// Whether any arm follows another.
    var isEmpty: Bool { !days.contains { $0 > 0 } }

    /// Arm-days simulated per subject under this plan, out of `armCount × horizonDays`
    /// (every subject in every arm, none excluded).
    func simulatedArmDays(horizonDays: Int) -> Int {
        days.reduce(0) { $0 + horizonDays - $1 }
    }
}
