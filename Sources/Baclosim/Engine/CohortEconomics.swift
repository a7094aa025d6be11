/// A scenario's economics compiled for the day loop: per-arm cost models, each arm's drug
/// product, discount tables, and the metric indices the totals are written to.
struct CohortEconomics: Sendable {
    var settings: EconomicsSettings
    /// Per arm (by the arm whose treatment is given): its cost model. Psychosocial sessions
    /// are charged only in arms that give psychosocial therapy.
    var costModels: [CostModel]
    /// Per arm: index of its drug's product in `CostModel.drugs`, or nil (no drug or no price).
    let productIndex: [Int?]
    /// Per arm: that product's tablet strength (mg).
    let tabletStrengthMg: [Double]
    /// Per arm (by the arm whose treatment is given): utilities and background mortality, the
    /// arm's own (`arms[i].economics`) or the scenario's.
    var utilities: [UtilityModel]
    var mortality: [MortalityModel?]
    let discounting: Discounting
    /// Metric indices: discounted cost, QALYs and life-years, undiscounted cost and QALYs, death.
    let costMetric: Int, qalyMetric: Int, lifeYearMetric: Int
    let undiscountedCostMetric: Int, undiscountedQALYMetric: Int, deathMetric: Int
    /// The cost categories the run reports (``categories(settings:)``) and each one's metric
    /// index: its discounted cost.
    let categories: [CostCategory]
    let categoryMetrics: [Int]
    /// Per alcohol-attributable event: its rate per day lived at each drinking-risk level
    /// (rate per year / 365.25) and its metric index (expected events per subject).
    let eventRatesPerDay: [PerDrinkingRiskLevel<Double>]
    let eventMetrics: [Int]

    /// The drinking-risk level that costs, utilities and mortality read: WHO level of the mean
    /// g/day over the last `settings.riskLevelWindowDays` days (``RiskLevelWindow``).
    let riskLevelWindow: RiskLevelWindow

    /// Per arm: its cost model (psychosocial sessions charged only in arms that give them),
    /// utilities and mortality, from the arm's own economics or `settings`. At compile time, and
    /// when a PSA draw is written into the scenario's economics in place.
    static func armInputs(settings: EconomicsSettings, arms: [Arm]) -> ([CostModel], [UtilityModel], [MortalityModel?]) {
        let own = arms.map { $0.economics ?? settings }
        let costs = zip(arms, own).map { arm, own in
            var model = own.costs
            if !arm.psychosocialTherapy { model.psychosocialSessions = .none }
            return model
        }
        return (costs, own.map(\.utilities), own.map(\.mortality))
    }

    /// The cost categories a run with `settings` reports: every health-care one, and the
    /// societal ones whose costs the scenario gives.
    static func categories(settings: EconomicsSettings) -> [CostCategory] {
        CostCategory.allCases.filter { category in
            switch category {
            case .productivity: settings.costs.productivityCostPerDay != nil
            case .crime: settings.costs.crimeCostPerDay != nil
            default: true
            }
        }
    }

    /// The metrics this adds to a run with `settings`, in order.
    static func metricSpecs(settings: EconomicsSettings) -> [MetricSpec] {
        [
            MetricSpec("cost"), MetricSpec("qalys"), MetricSpec("life_years"),
            MetricSpec("cost_undiscounted"), MetricSpec("qalys_undiscounted"), MetricSpec("died", kind: .proportion),
        ] + categories(settings: settings).map { MetricSpec($0.metricName) } + settings.events.map { MetricSpec($0.metricName) }
    }

    init(settings: EconomicsSettings, scenario: Scenario, firstMetric: Int) {
        self.settings = settings
        // An arm's own economics (strategy-specific inputs) or the scenario's.
        let armSettings = scenario.arms.map { $0.economics ?? settings }
        (costModels, utilities, mortality) = Self.armInputs(settings: settings, arms: scenario.arms)
        productIndex = zip(scenario.arms, armSettings).map { arm, own in
            arm.treatment.flatMap { treatment in own.productDrugNames.firstIndex(of: treatment.drugName) }
        }
        tabletStrengthMg = zip(productIndex, armSettings).map { index, own in index.map { own.costs.drugs[$0].tabletStrengthMg } ?? 1 }
        discounting = Discounting(costRatePerYear: settings.costDiscountRatePerYear,
                                  effectRatePerYear: settings.effectDiscountRatePerYear,
                                  horizonDays: scenario.run.horizonDays)
        riskLevelWindow = RiskLevelWindow(windowDays: settings.riskLevelWindowDays,
                                          standardDrinkGrams: scenario.drinking.standardDrinkGrams)
        costMetric = firstMetric
        qalyMetric = firstMetric + 1
        lifeYearMetric = firstMetric + 2
        undiscountedCostMetric = firstMetric + 3
        undiscountedQALYMetric = firstMetric + 4
        deathMetric = firstMetric + 5
        let categories = Self.categories(settings: settings)
        self.categories = categories
        categoryMetrics = categories.indices.map { firstMetric + 6 + $0 }
        eventRatesPerDay = settings.events.map { $0.ratePerYear.map { $0 / YearLength.days } }
        eventMetrics = settings.events.indices.map { firstMetric + 6 + categories.count + $0 }
    }
}

/// One subject's economic state in one arm.
struct SubjectEconomics {
    var totals = EconomicTotals()
    var supply = DrugSupply()
    /// Standard drinks over the drinking-risk level's window (``RiskLevelWindow``); the days
    /// themselves are in the worker's ring for this arm.
    var drinksInRiskWindow = 0.0
    var isDead = false
    /// Expected alcohol-attributable events so far, by event (``CohortEconomics/eventRatesPerDay``
    /// order; at most ``AttributableEvent/maximumCount``).
    var attributableEvents = SIMD8<Double>()
}
