/// Which subject covariates a scenario's models read: each covariate is set to two far-apart
/// values for every subject (all women vs all men, every subject 20 vs 85 years old, ...) and
/// the two runs' tables compared. A covariate whose extremes give the same tables is read by no
/// model of the scenario (no hazard multiplier, PK covariate, susceptibility, eligibility rule,
/// mortality or endpoint uses it), so the population inputs that shape it have no effect
/// (``ScenarioInputWarning``).
///
/// Deterministic: both runs use the scenario's seed and common random numbers, so a covariate
/// that any model reads changes some subject's day; the extremes are chosen so that even a
/// rarely reached use (background mortality by age, an eligibility limit) shows in a small cohort.
struct CovariateUseProbe {
    /// Subjects of each probe run; by default about 10⁵ subject-days (200 to 1,000 subjects),
    /// so that a use reached on few days (background mortality) still shows in a short run; at most 1,000.
    var subjects: Int?

    /// The covariates no model of `scenario` reads. A probe run that fails counts as read.
    func unreadCovariates(of scenario: Scenario) -> Set<CovariateSlot> {
        var unread: Set<CovariateSlot> = []
        for slot in CovariateSlot.allCases {
            guard let (low, high) = Self.extremes(slot, of: scenario.population) else { continue }
            var a = scenario, b = scenario
            a.population = low
            b.population = high
            guard let tablesA = try? tables(a), let tablesB = try? tables(b) else { continue }
            if tablesA == tablesB { unread.insert(slot) }
        }
        return unread
    }

    private func tables(_ scenario: Scenario) throws -> [String] {
        let size = subjects ?? min(1_000, max(200, 100_000 / max(1, scenario.run.horizonDays)))
        let report = try Simulation(scenario: scenario).run(subjects: size, threads: 1)
        return try report.files().filter { $0.name != "manifest.json" }.map(\.text)
    }

    /// The population with covariate `slot` at a low and at a high extreme for every subject.
    static func extremes(_ slot: CovariateSlot, of population: CovariateModel) -> (CovariateModel, CovariateModel)? {
        var low = population, high = population
        switch slot {
        case .sex:
            low.probabilityMale = 0
            high.probabilityMale = 1
        case .age:
            low.age = .fixed(years: 20)
            high.age = .fixed(years: 85)
        case .weight:
            low.weight = WeightDistribution(male: .fixed(45), female: .fixed(45))
            high.weight = WeightDistribution(male: .fixed(130), female: .fixed(130))
        case .renal:
            switch population.renal {
            case .creatinineClearance:
                low.renal = .creatinineClearance(.fixed(20))
                high.renal = .creatinineClearance(.fixed(150))
            case .cockcroftGault(_, let lower, let upper):
                low.renal = .cockcroftGault(serumCreatinineMgPerDL: .fixed(4), lowerMLPerMin: lower, upperMLPerMin: upper)
                high.renal = .cockcroftGault(serumCreatinineMgPerDL: .fixed(0.5), lowerMLPerMin: lower, upperMLPerMin: upper)
            }
        case .liver:
            low.liver = LiverDiseaseDistribution(compensated: 0, cirrhosis: 0)
            high.liver = LiverDiseaseDistribution(compensated: 0, cirrhosis: 1)
        case .psychiatric:
            low.probabilityPsychiatric = 0
            high.probabilityPsychiatric = 1
        case .dsm5Criteria:
            low.dsm5Criteria = .fixed(2)
            high.dsm5Criteria = .fixed(11)
        case .baselineDrinks:
            low.baselineDrinksPerDay = .fixed(1)
            high.baselineDrinksPerDay = .fixed(30)
        case .pregnancy:
            low.pregnancy = PregnancyDistribution(bands: [])
            high.pregnancy = PregnancyDistribution(bands: [.init(lowerYears: 0, upperYears: 200, probability: 1)])
        case .baselineCraving:
            low.baselineCraving = .fixed(0.2)
            high.baselineCraving = .fixed(5)
        case .baselineHeavyDays:
            guard population.baselineHeavyDrinkingDaysPercent != nil else { return nil }
            low.baselineHeavyDrinkingDaysPercent = BetaPercentMargin(meanPercent: 0, sdPercent: 0)
            high.baselineHeavyDrinkingDaysPercent = BetaPercentMargin(meanPercent: 100, sdPercent: 0)
        case .drinkingFrailty:
            low.drinkingFrailty = .fixed(0.1)
            high.drinkingFrailty = .fixed(10)
        }
        return (low, high)
    }
}
