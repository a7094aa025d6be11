import Yams

/// Reading the `toxicity:` block: graded toxicity at high exposure (docs/sources.md#leung2006, #polish2005).
extension ScenarioNodeReader {
    static let toxicityKeys = ["driver", "grades", "tolerance", "description", "source"]
    static let toxicityGradeKeys = ["kind", "hazard", "serious", "cost_per_event_day", "description", "source"]
    static let toxicityHazardKeys = ["baseline_per_day", "emax_per_day", "ec50_mg_per_L", "hill"]

    /// `assumed_baclofen` (``ToxicityModel/assumedBaclofen``, assumptions [D]) or
    /// `{driver: cmax, grades: [{kind: coma, hazard: {emax_per_day: 2, ec50_mg_per_L: 2.2, hill: 12}, serious: true}], tolerance: {...}}`.
    func toxicity(from node: Node, at path: ScenarioKeyPath) -> ToxicityModel? {
        if node.scalar != nil, node.string != nil {
            return choice(node, at: path, among: ["assumed_baclofen"], fix: "Write assumed_baclofen or give {driver: cmax, grades: [...]}.")
                .map { _ in ToxicityModel.assumedBaclofen }
        }
        guard let block = mapping(node, at: path, fix: "Give {driver: cmax, grades: [{kind: coma, hazard: {emax_per_day: 2, ec50_mg_per_L: 2.2, hill: 12}, serious: true}]}.") else { return nil }
        let before = issues.count
        block.checkKeys(allowed: Self.toxicityKeys, fix: "toxicity has driver, grades and tolerance.")
        for key in ["description", "source"] where block.has(key) { _ = block.text(key, fix: "Write text.") }
        let driver = block.choice("driver", required: false, among: ["cmax", "cavg"], fix: "Use cmax or cavg.") ?? "cmax"
        var grades: [ToxicityGrade] = []
        var seenKinds = Set<String>()
        let kinds = ToxicityKind.allCases.map(\.rawValue)
        for item in block.sequence("grades", fix: "List grades mildest first, e.g. [{kind: deep_sedation, hazard: {emax_per_day: 2, ec50_mg_per_L: 1.8, hill: 12}, serious: true}].") ?? [] {
            guard let g = mapping(item.node, at: item.path, fix: "Give {kind: coma, hazard: {emax_per_day: 2, ec50_mg_per_L: 2.2, hill: 12}, serious: true}.") else { continue }
            g.checkKeys(allowed: Self.toxicityGradeKeys, fix: "A grade has kind, hazard, serious and cost_per_event_day.")
            for key in ["description", "source"] where g.has(key) { _ = g.text(key, fix: "Write text.") }
            let kind = g.choice("kind", among: kinds, fix: "Use one of \(kinds.joined(separator: ", ")).")
            if let kind, !seenKinds.insert(kind).inserted {
                report(item.path.appending("kind"), at: g.value("kind"), "grade '\(kind)' is listed twice", fix: "List each kind once.")
            }
            var hazard: ConcentrationHazard?
            if let h = g.mapping("hazard", fix: "Give {emax_per_day: 2, ec50_mg_per_L: 2.2, hill: 12}.") {
                h.checkKeys(allowed: Self.toxicityHazardKeys, fix: "hazard has baseline_per_day, emax_per_day, ec50_mg_per_L and hill.")
                let baseline = h.number("baseline_per_day", required: false, rule: .nonNegative, fix: "Give the hazard without drug per day, e.g. 0.") ?? 0
                let emax = h.number("emax_per_day", rule: .nonNegative, fix: "Give the maximal hazard per day, e.g. 2.")
                let ec50 = h.number("ec50_mg_per_L", rule: .positive, fix: "Give the concentration of half-maximal hazard in mg/L, e.g. 2.2.")
                let hill = h.number("hill", required: false, rule: .positive, fix: "Give the Hill coefficient, e.g. 12.") ?? 1
                if let emax, let ec50 {
                    hazard = ConcentrationHazard(baselinePerDay: baseline, maximumDrugHazardPerDay: emax, ec50MgPerL: ec50, hillCoefficient: hill)
                }
            }
            let serious = g.boolean("serious", required: false, fix: "Write true or false.") ?? true
            let cost = g.number("cost_per_event_day", required: false, rule: .nonNegative, fix: "Give a cost, e.g. 3000.") ?? 0
            guard let kind, let toxicityKind = ToxicityKind(rawValue: kind), let hazard else { continue }
            grades.append(ToxicityGrade(kind: toxicityKind, hazard: hazard, isSerious: serious, costPerEventDay: cost))
        }
        let tolerance = hazardTolerance(in: block)
        guard issues.count == before else { return nil }
        let model = ToxicityModel(driver: driver == "cavg" ? .cavg : .cmax, grades: grades, tolerance: tolerance)
        for problem in model.validationProblems() { report(path.appending(problem.keyPath), at: node, problem.problem, fix: problem.fix) }
        return issues.count == before ? model : nil
    }
}
