extension CostModel {
    /// Every problem with the cost model, keys relative to the scenario's `economics.costs`
    /// block (e.g. `drugs[0].pack_price`); empty when valid.
    public func validate() -> [ParameterProblem] {
        var issues: [ParameterProblem] = []
        func report(_ keyPath: String, _ problem: String, _ fix: String) {
            issues.append(ParameterProblem(keyPath: keyPath, problem: problem, fix: fix))
        }
        func requireCost(_ value: Double, _ keyPath: String, example: String) {
            if !(value.isFinite && value >= 0) {
                report(keyPath, "must be a finite number ≥ 0 (found \(ParameterProblem.formatNumber(value)))",
                       "Give the cost in the model's currency, e.g. \(example).")
            }
        }

        let isCurrencyCode = currency.count == 3 && currency.unicodeScalars.allSatisfy { $0.value >= 65 && $0.value <= 90 }
        if !isCurrencyCode {
            report("currency", "must be a three-letter ISO 4217 code (found \"\(currency)\")",
                   "Use the code of the prices' currency, e.g. GBP, EUR or USD.")
        }
        if !(1900...2100).contains(priceYear) {
            report("price_year", "must be a calendar year (found \(priceYear))",
                   "Give the year the prices refer to, e.g. 2024.")
        }
        if drugs.count > TabletCounts.capacity {
            report("drugs", "at most \(TabletCounts.capacity) products per arm (found \(drugs.count))",
                   "Price only the tablet strengths the arm's regimen dispenses.")
        }
        for (index, drug) in drugs.enumerated() {
            let prefix = "drugs[\(index)]"
            if drug.name.isEmpty {
                report("\(prefix).name", "must not be empty", "Name the product, e.g. baclofen 10 mg.")
            }
            if !(drug.tabletStrengthMg.isFinite && drug.tabletStrengthMg > 0) {
                report("\(prefix).tablet_strength_mg",
                       "must be > 0 (found \(ParameterProblem.formatNumber(drug.tabletStrengthMg)))",
                       "Give the strength of one tablet in mg, e.g. 10.")
            }
            if drug.tabletsPerPack < 1 {
                report("\(prefix).tablets_per_pack", "must be ≥ 1 (found \(drug.tabletsPerPack))",
                       "Give the number of tablets in one pack, e.g. 84.")
            }
            requireCost(drug.packPrice, "\(prefix).pack_price", example: "2.50")
        }
        for (key, service) in [("monitoring_visits", monitoringVisits), ("laboratory_tests", laboratoryTests),
                               ("psychosocial_sessions", psychosocialSessions)] {
            issues += service.validate().map { $0.under(key) }
        }
        requireCost(unscheduledVisitCost, "unscheduled_visit_cost", example: "40")
        requireCost(sideEffectCostPerEvent, "side_effect_cost_per_event", example: "40")
        for level in DrinkingRiskLevel.allCases {
            requireCost(hospitalisationCostPerDay[level],
                        "hospitalisation_cost_per_day_by_risk_level.\(PerDrinkingRiskLevel<Double>.scenarioKey(level))",
                        example: "1.5")
        }
        for event in SeriousEvent.allCases {
            requireCost(seriousEventCost[event], "serious_event_cost.\(event.scenarioKey)", example: "2500")
        }
        for (key, table) in [("productivity_cost_per_day_by_risk_level", productivityCostPerDay), ("crime_cost_per_day_by_risk_level", crimeCostPerDay)] {
            guard let table else { continue }
            for level in DrinkingRiskLevel.allCases {
                requireCost(table[level], "\(key).\(PerDrinkingRiskLevel<Double>.scenarioKey(level))", example: "10")
            }
        }
        requireCost(pregnancyTestCost, "pregnancy_test_cost", example: "5")
        return issues
    }
}
