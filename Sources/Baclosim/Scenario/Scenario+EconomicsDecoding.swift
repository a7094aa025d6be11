import Yams

/// Reading the `economics:` block by its declaration (``BlockDeclaration/economics``): the keys,
/// types, ranges, defaults and fixes are declared there; this file turns the values read into the
/// economics models and adds the rules between keys.
extension ScenarioNodeReader {
    /// The economics block.
    func economics(from node: Node, at path: ScenarioKeyPath) -> EconomicsSettings? {
        let before = issues.count
        guard let block = declared(node, at: path, as: .economics) else { return nil }
        let rates = block.block("discount_rates")
        var products: [DrugProduct] = []
        for p in block.list("drug_products") ?? [] {
            guard let drug = p.text("drug"), let strength = p.number("tablet_strength_mg"), let pack = p.integer("tablets_per_pack"),
                  let price = p.number("pack_price"), let basis = p.text("basis").flatMap(DrugCostBasis.init(rawValue:)) else { continue }
            products.append(DrugProduct(name: drug, tabletStrengthMg: strength, tabletsPerPack: pack, packPrice: price, costBasis: basis))
        }
        if products.count > TabletCounts.capacity {
            report(path.appending("drug_products"), at: block.value("drug_products"), "has \(products.count) products",
                   fix: "Give at most \(TabletCounts.capacity) drug products.")
        }
        let utilities = block.block("utility_by_risk_level").flatMap(perRiskLevel)
        let costs = CostModel(
            currency: block.text("currency") ?? "", priceYear: block.integer("price_year") ?? 0, drugs: products,
            monitoringVisits: service(block.block("monitoring_visits")),
            unscheduledVisitCost: block.number("unscheduled_visit_cost") ?? 0,
            laboratoryTests: service(block.block("laboratory_tests")),
            psychosocialSessions: service(block.block("psychosocial_sessions")),
            sideEffectCostPerEvent: block.number("side_effect_cost_per_event") ?? 0,
            hospitalisationCostPerDay: block.block("hospitalisation_cost_per_day_by_risk_level").flatMap(perRiskLevel) ?? PerDrinkingRiskLevel(all: 0),
            productivityCostPerDay: block.block("productivity_cost_per_day_by_risk_level").flatMap(perRiskLevel),
            crimeCostPerDay: block.block("crime_cost_per_day_by_risk_level").flatMap(perRiskLevel))
        adopt(costs.validate(), under: path, node: node)
        var events: [AttributableEvent] = []
        let named = block.named("alcohol_attributable_events") ?? []
        for (name, event) in named {
            if !OutputNames.isIdentifier(name) {
                report(event.path, at: event.node, "'\(name)' is not a valid name: event names become output columns (letters, digits and underscores, starting with a letter)",
                       fix: "Rename the event, e.g. injuries.")
            }
            if let rates = event.block("rates_per_year_by_risk_level").flatMap(perRiskLevel) { events.append(AttributableEvent(name: name, ratePerYear: rates)) }
        }
        if named.count > AttributableEvent.maximumCount {
            report(path.appending("alcohol_attributable_events"), at: block.value("alcohol_attributable_events"),
                   "has \(named.count) events", fix: "Count at most \(AttributableEvent.maximumCount) events.")
        }
        let mortality = block.block("mortality").flatMap(mortalityModel)
        guard issues.count == before, let utilities else { return nil }
        return EconomicsSettings(costs: costs, productDrugNames: products.map(\.name),
                                 utilities: UtilityModel(utilityByRiskLevel: utilities,
                                                         disutilityPerSideEffectDay: block.number("disutility_per_side_effect_day") ?? 0),
                                 mortality: mortality,
                                 costDiscountRatePerYear: rates?.number("costs_per_year") ?? 0.035,
                                 effectDiscountRatePerYear: rates?.number("effects_per_year") ?? 0.035,
                                 willingnessToPay: block.numbers("willingness_to_pay_per_qaly") ?? [],
                                 riskLevelWindowDays: block.integer("risk_level_window_days") ?? RiskLevelWindow.defaultWindowDays,
                                 events: events)
    }

    /// A value per drinking-risk level, every level given (``BlockDeclaration/perRiskLevel(_:unit:rule:example:)``).
    func perRiskLevel(_ block: DeclaredMapping) -> PerDrinkingRiskLevel<Double>? {
        let values = DrinkingRiskLevel.allCases.map { block.number(PerDrinkingRiskLevel<Double>.scenarioKey($0)) }
        guard values.allSatisfy({ $0 != nil }) else { return nil }
        return PerDrinkingRiskLevel(abstinent: values[0]!, low: values[1]!, medium: values[2]!, high: values[3]!, veryHigh: values[4]!)
    }

    /// A scheduled service (``BlockDeclaration/scheduledService``); none when absent.
    func service(_ block: DeclaredMapping?) -> ScheduledService {
        guard let block else { return .none }
        let schedules = (block.list("schedule") ?? []).compactMap { r in
            r.integer("first_day").map { RecurringSchedule(firstDay: $0, everyDays: r.integer("every_days"), lastDay: r.integer("last_day")) }
        }
        return ScheduledService(unitCost: block.number("unit_cost") ?? 0, schedules: schedules)
    }

    /// The mortality model (``BlockDeclaration/mortality``), checked by its kernel.
    func mortalityModel(_ block: DeclaredMapping) -> MortalityModel? {
        var background: BackgroundMortality?
        if let g = block.block("gompertz"), let a = g.number("a_per_year"), let b = g.number("b_per_year") {
            background = .gompertz(GompertzHazard(aPerYear: a, bPerYear: b))
        } else if let t = block.block("life_table"), let ages = t.numbers("band_start_ages_years"), let q = t.numbers("annual_death_probabilities") {
            background = .lifeTable(LifeTable(bandStartAgesYears: ages, annualDeathProbabilities: q))
        }
        let relativeRisk = block.block("relative_risk_by_risk_level").flatMap(perRiskLevel) ?? PerDrinkingRiskLevel(all: 1)
        guard let background, !block.has("gompertz") || !block.has("life_table") else { return nil }
        let model = MortalityModel(background: background, relativeRiskByRiskLevel: relativeRisk)
        adopt(model.validate(), under: block.path, node: block.node)
        return model
    }
}
