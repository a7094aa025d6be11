import Yams

/// Reading the `toxicity:` block by its declaration (``BlockDeclaration/toxicity``): graded
/// toxicity at high exposure (docs/sources.md#leung2006, #polish2005).
extension ScenarioNodeReader {
    /// `assumed_baclofen` (``ToxicityModel/assumedBaclofen``, assumptions [D]) or
    /// `{driver: cmax, grades: [{kind: coma, hazard: {emax_per_day: 2, ec50_mg_per_L: 2.2, hill: 12}, serious: true}], tolerance: {...}}`.
    func toxicity(from node: Node, at path: ScenarioKeyPath) -> ToxicityModel? {
        if node.scalar != nil, node.string != nil {
            return choice(node, at: path, among: BlockDeclaration.toxicity.scalarForms, fix: "Write assumed_baclofen or give {driver: cmax, grades: [...]}.")
                .map { _ in ToxicityModel.assumedBaclofen }
        }
        let before = issues.count
        guard let block = declared(node, at: path, as: .toxicity) else { return nil }
        var grades: [ToxicityGrade] = []
        var seenKinds = Set<String>()
        for g in block.list("grades") ?? [] {
            let hazardBlock = g.block("hazard")
            guard let kind = g.text("kind"), let toxicityKind = ToxicityKind(rawValue: kind) else { continue }
            if !seenKinds.insert(kind).inserted {
                report(g.path.appending("kind"), at: g.value("kind"), "grade '\(kind)' is listed twice", fix: "List each kind once.")
            }
            guard let h = hazardBlock, let baseline = h.number("baseline_per_day"), let emax = h.number("emax_per_day"),
                  let ec50 = h.number("ec50_mg_per_L"), let hill = h.number("hill"),
                  let serious = g.boolean("serious"), let cost = g.number("cost_per_event_day") else { continue }
            let hazard = ConcentrationHazard(baselinePerDay: baseline, maximumDrugHazardPerDay: emax, ec50MgPerL: ec50, hillCoefficient: hill)
            grades.append(ToxicityGrade(kind: toxicityKind, hazard: hazard, isSerious: serious, costPerEventDay: cost))
        }
        let tolerance = block.block("tolerance").flatMap(hazardTolerance)
        guard issues.count == before else { return nil }
        let model = ToxicityModel(driver: block.text("driver") == "cavg" ? .cavg : .cmax, grades: grades, tolerance: tolerance)
        for problem in model.validationProblems() { report(path.appending(problem.keyPath), at: node, problem.problem, fix: problem.fix) }
        return issues.count == before ? model : nil
    }

    /// A hazard's tolerance (``BlockDeclaration/hazardTolerance``).
    func hazardTolerance(_ t: DeclaredMapping) -> HazardTolerance? {
        guard let floor = t.number("floor"), let tau = t.number("time_constant_days") else { return nil }
        return HazardTolerance(floor: floor, timeConstantDays: tau)
    }
}
