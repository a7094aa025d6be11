import Yams

/// Reading the `economics:` block.
extension ScenarioNodeReader {
    static let economicsKeys = ["currency", "price_year", "discount_rates", "willingness_to_pay_per_qaly", "drug_products",
                                "monitoring_visits", "laboratory_tests", "psychosocial_sessions", "unscheduled_visit_cost",
                                "side_effect_cost_per_event", "hospitalisation_cost_per_day", "utilities",
                                "disutility_per_side_effect_day", "mortality", "risk_level_window_days", "description"]
    static let riskLevelKeys = ["abstinent", "low", "medium", "high", "very_high"]

    /// The economics block.
    func economics(from node: Node, at path: ScenarioKeyPath) -> EconomicsSettings? {
        let before = issues.count
        guard let block = mapping(node, at: path, fix: "Give the economics block; see Scenarios/README.md.") else { return nil }
        block.checkKeys(allowed: Self.economicsKeys, fix: "See the economics keys in Scenarios/README.md.")
        if block.has("description") { _ = block.text("description", fix: "Describe the perspective and sources.") }
        let currency = block.text("currency", fix: "Give an ISO 4217 code, e.g. GBP.")
        let year = block.integer("price_year", minimum: 1900, fix: "Give the price year, e.g. 2024.")
        var costRate = 0.035, effectRate = 0.035
        if let d = block.mapping("discount_rates", required: false, fix: "Give {costs_per_year: 0.035, effects_per_year: 0.035}.") {
            d.checkKeys(allowed: ["costs_per_year", "effects_per_year"], fix: "discount_rates has costs_per_year and effects_per_year.")
            costRate = d.number("costs_per_year", rule: .within(0, 1), fix: "Give an annual rate, e.g. 0.035 (NICE).") ?? costRate
            effectRate = d.number("effects_per_year", rule: .within(0, 1), fix: "Give an annual rate, e.g. 0.035 (NICE).") ?? effectRate
        }
        let wtp = block.numbers("willingness_to_pay_per_qaly", required: false, rule: .nonNegative,
                                fix: "Give values per QALY, e.g. [20000, 30000].") ?? [20_000, 30_000]
        var products: [DrugProduct] = []
        var productDrugs: [String] = []
        for item in block.sequence("drug_products", required: false, fix: "List {drug: baclofen, tablet_strength_mg: 10, tablets_per_pack: 84, pack_price: 2}.") ?? [] {
            guard let p = mapping(item.node, at: item.path, fix: "Give {drug: baclofen, tablet_strength_mg: 10, tablets_per_pack: 84, pack_price: 2}.") else { continue }
            p.checkKeys(allowed: ["drug", "tablet_strength_mg", "tablets_per_pack", "pack_price", "basis", "source"],
                        fix: "A product has drug, tablet_strength_mg, tablets_per_pack, pack_price, basis and source.")
            if p.has("source") { _ = p.text("source", fix: "Cite the price's source.") }
            let drug = p.text("drug", fix: "Name a drug declared under drugs:.")
            let strength = p.number("tablet_strength_mg", rule: .positive, fix: "Give the tablet strength in mg, e.g. 10.")
            let pack = p.integer("tablets_per_pack", minimum: 1, fix: "Give tablets per pack, e.g. 84.")
            let price = p.number("pack_price", rule: .nonNegative, fix: "Give the price of one pack, e.g. 2.")
            let basis = p.choice("basis", required: false, among: DrugCostBasis.allCases.map(\.rawValue),
                                 fix: "Use tablets_taken, tablets_dispensed or whole_packs.").flatMap(DrugCostBasis.init(rawValue:)) ?? .tabletsDispensed
            if let drug, let strength, let pack, let price {
                products.append(DrugProduct(name: drug, tabletStrengthMg: strength, tabletsPerPack: pack, packPrice: price, costBasis: basis))
                productDrugs.append(drug)
            }
        }
        if products.count > TabletCounts.capacity {
            report(path.appending("drug_products"), at: block.value("drug_products"), "has \(products.count) products",
                   fix: "Give at most \(TabletCounts.capacity) drug products.")
        }
        let utilities = block.mapping("utilities", fix: "Give utilities by drinking-risk level, e.g. {abstinent: 0.80, low: 0.83, medium: 0.85, high: 0.75, very_high: 0.70}.")
            .flatMap { perRiskLevel($0, rule: .within(-1, 1), example: "0.8") }
        let disutility = block.number("disutility_per_side_effect_day", required: false, rule: .within(0, 1),
                                      fix: "Give the utility lost on a day with a side effect, e.g. 0.02.") ?? 0
        let hospital = block.mapping("hospitalisation_cost_per_day", required: false, fix: "Give expected hospital cost per day by drinking-risk level.")
            .flatMap { perRiskLevel($0, rule: .nonNegative, example: "1.5") } ?? PerDrinkingRiskLevel(all: 0)
        let costs = CostModel(
            currency: currency ?? "", priceYear: year ?? 0, drugs: products,
            monitoringVisits: service("monitoring_visits", in: block),
            unscheduledVisitCost: block.number("unscheduled_visit_cost", required: false, rule: .nonNegative, fix: "Give a cost, e.g. 40.") ?? 0,
            laboratoryTests: service("laboratory_tests", in: block),
            psychosocialSessions: service("psychosocial_sessions", in: block),
            sideEffectCostPerEvent: block.number("side_effect_cost_per_event", required: false, rule: .nonNegative, fix: "Give a cost, e.g. 30.") ?? 0,
            hospitalisationCostPerDay: hospital)
        adopt(costs.validate(), under: path, node: node)
        var mortality: MortalityModel?
        if let m = block.mapping("mortality", required: false, fix: "Give {gompertz: {a_per_year: 0.00003, b_per_year: 0.09}} or a life_table.") {
            m.checkKeys(allowed: ["gompertz", "life_table", "relative_risk_by_risk_level", "source"],
                        fix: "mortality has gompertz or life_table, relative_risk_by_risk_level and source.")
            if m.has("source") { _ = m.text("source", fix: "Cite the life table or fit.") }
            var background: BackgroundMortality?
            if let g = m.mapping("gompertz", required: false, fix: "Give {a_per_year: 0.00003, b_per_year: 0.09}.") {
                g.checkKeys(allowed: ["a_per_year", "b_per_year"], fix: "gompertz has a_per_year and b_per_year.")
                let a = g.number("a_per_year", rule: .positive, fix: "Give the hazard at age 0 per year, e.g. 0.00003.")
                let b = g.number("b_per_year", rule: .positive, fix: "Give the log-hazard slope per year of age, e.g. 0.09.")
                if let a, let b { background = .gompertz(GompertzHazard(aPerYear: a, bPerYear: b)) }
            } else if let t = m.mapping("life_table", required: false, fix: "Give {band_start_ages_years: [...], annual_death_probabilities: [...]}.") {
                t.checkKeys(allowed: ["band_start_ages_years", "annual_death_probabilities"], fix: "life_table has band_start_ages_years and annual_death_probabilities.")
                let ages = t.numbers("band_start_ages_years", rule: .nonNegative, fix: "Give the first age of each band, e.g. [18, 40, 60, 80].")
                let q = t.numbers("annual_death_probabilities", rule: .unitInterval, fix: "Give one annual probability per band.")
                if let ages, let q { background = .lifeTable(LifeTable(bandStartAgesYears: ages, annualDeathProbabilities: q)) }
            } else {
                report(m.path, at: m.node, "names no background mortality", fix: "Give gompertz or life_table.")
            }
            let rr = m.mapping("relative_risk_by_risk_level", required: false, fix: "Give relative risks by drinking-risk level.")
                .flatMap { perRiskLevel($0, rule: .positive, example: "1.5") } ?? PerDrinkingRiskLevel(all: 1)
            if let background {
                let model = MortalityModel(background: background, relativeRiskByRiskLevel: rr)
                adopt(model.validate(), under: m.path, node: m.node)
                mortality = model
            }
        }
        let window = block.integer("risk_level_window_days", required: false, minimum: 1, maximum: RiskLevelWindow.maximumWindowDays,
                                   fix: "Give the days whose mean g/day sets the drinking-risk level, e.g. 28 (4 weeks, as NICE TA325).")
        guard issues.count == before, let utilities else { return nil }
        return EconomicsSettings(costs: costs, productDrugNames: productDrugs,
                                 utilities: UtilityModel(utilityByRiskLevel: utilities, disutilityPerSideEffectDay: disutility),
                                 mortality: mortality, costDiscountRatePerYear: costRate, effectDiscountRatePerYear: effectRate,
                                 willingnessToPay: wtp, riskLevelWindowDays: window ?? RiskLevelWindow.defaultWindowDays)
    }

    /// `{abstinent, low, medium, high, very_high}`, every level required.
    func perRiskLevel(_ block: ScenarioMapping, rule: NumberRule, example: String) -> PerDrinkingRiskLevel<Double>? {
        block.checkKeys(allowed: Self.riskLevelKeys, fix: "Give abstinent, low, medium, high and very_high.")
        let values = Self.riskLevelKeys.map { block.number($0, rule: rule, fix: "Give the value for \($0), e.g. \(example).") }
        guard values.allSatisfy({ $0 != nil }) else { return nil }
        return PerDrinkingRiskLevel(abstinent: values[0]!, low: values[1]!, medium: values[2]!, high: values[3]!, veryHigh: values[4]!)
    }

    /// A scheduled service `{unit_cost: 40, schedule: [{first_day: 0, every_days: 28, last_day: 364}]}`.
    func service(_ key: String, in block: ScenarioMapping) -> ScheduledService {
        guard let s = block.mapping(key, required: false, fix: "Give {unit_cost: 40, schedule: [{first_day: 0, every_days: 28}]}.") else { return .none }
        s.checkKeys(allowed: ["unit_cost", "schedule", "source"], fix: "A service has unit_cost, schedule and source.")
        if s.has("source") { _ = s.text("source", fix: "Cite the unit cost.") }
        let cost = s.number("unit_cost", rule: .nonNegative, fix: "Give the cost of one, e.g. 40.") ?? 0
        var schedules: [RecurringSchedule] = []
        for item in s.sequence("schedule", fix: "List {first_day: 0, every_days: 28, last_day: 364}.") ?? [] {
            guard let r = mapping(item.node, at: item.path, fix: "Give {first_day: 0, every_days: 28}.") else { continue }
            r.checkKeys(allowed: ["first_day", "every_days", "last_day"], fix: "A schedule has first_day, every_days and last_day.")
            let first = r.integer("first_day", minimum: 0, fix: "Give the first treatment day, e.g. 0.")
            let every = r.integer("every_days", required: false, minimum: 1, fix: "Give the interval in days, e.g. 28.")
            let last = r.integer("last_day", required: false, minimum: 0, fix: "Give the last day, e.g. 364.")
            if let first { schedules.append(RecurringSchedule(firstDay: first, everyDays: every, lastDay: last)) }
        }
        return ScheduledService(unitCost: cost, schedules: schedules)
    }
}
