import Foundation

extension CostEffectivenessAnalysis {
    /// Header of `ce.csv`. The first eight columns are the fully incremental analysis
    /// (`inc_*` and `icer` against the previous frontier arm, empty off the frontier); then the
    /// comparator and the differences from the reference arm; last, whether the arm's frontier
    /// decision is settled beyond Monte Carlo error (`1`, `0`, empty for the reference and
    /// identical arms) and, if not, the subjects that would settle it
    /// (``FrontierDecisionEvidence``); then the currency and price year of the costs (empty
    /// when not given).
    public static let csvHeader =
        "arm,cost,qalys,life_years,inc_cost,inc_qalys,icer,status,comparator,"
        + "cost_vs_reference,qalys_vs_reference,life_years_vs_reference,decision_resolved,subjects_to_resolve,currency,price_year"

    /// `ce.csv`: one row per arm, in arm order, numbers as shortest round-trip text.
    public func csv(currency: String = "", priceYear: Int? = nil) -> String {
        var text = Self.csvHeader + "\n"
        for (index, row) in rows.enumerated() {
            let evidence = decisionEvidence(arm: index)
            let fields = [
                CSVField.escaped(row.arm), CSVNumber.format(row.cost), CSVNumber.format(row.qalys),
                CSVNumber.format(row.lifeYears), CSVNumber.format(row.incrementalCost),
                CSVNumber.format(row.incrementalQALYs), CSVNumber.format(row.icer), row.status.rawValue,
                CSVField.escaped(row.comparator ?? ""), CSVNumber.format(row.costVersusReference),
                CSVNumber.format(row.qalysVersusReference), CSVNumber.format(row.lifeYearsVersusReference),
                evidence.map { $0.isResolved ? "1" : "0" } ?? "", evidence?.subjectsToResolve.map(String.init) ?? "",
                CSVField.escaped(currency), priceYear.map(String.init) ?? "",
            ]
            text += fields.joined(separator: ",") + "\n"
        }
        return text
    }

    /// `nmb.csv`: net monetary and net health benefit of every arm at every λ.
    /// `wtp` and `nmb` are in `currency` (per QALY for `wtp`) at `priceYear` prices, repeated on
    /// every row as the last two columns.
    public func netBenefitCSV(willingnessToPay values: [Double], currency: String = "", priceYear: Int? = nil) -> String {
        var text = "wtp,arm,nmb,inc_nmb_vs_reference,optimal,nhb_qalys,currency,price_year\n"
        for row in netBenefitRows(willingnessToPay: values) {
            text += [CSVNumber.format(row.willingnessToPay), CSVField.escaped(row.arm),
                     CSVNumber.format(row.netMonetaryBenefit), CSVNumber.format(row.incrementalVersusReference),
                     row.isOptimal ? "1" : "0", row.netHealthBenefit.map(CSVNumber.format) ?? "",
                     CSVField.escaped(currency), priceYear.map(String.init) ?? ""].joined(separator: ",") + "\n"
        }
        return text
    }

    /// A Markdown section: the incremental table (costs to 2 decimals, QALYs and life-years to
    /// 4, ICERs to whole currency units) and, for each λ given, the optimal arm.
    /// - Parameters:
    ///   - currency: ISO code shown in the column headings (`CostModel.currency`).
    ///   - willingnessToPay: λ values to report the optimal arm for.
    ///   - priceYear: the year of every price (`economics.price_year`), stated under the heading.
    public func markdown(currency: String, willingnessToPay values: [Double] = [], priceYear: Int? = nil) -> String {
        let reference = arms[referenceArm].name
        var text = "## Cost-effectiveness\n\n"
        if let priceYear { text += "Costs in \(currency) at \(priceYear) prices. " }
        text += "Means per subject, discounted. Incremental values and ICERs are against the previous arm on the "
        text += "efficient frontier; differences in the last two columns are against \(reference).\n\n"
        text += "| arm | cost (\(currency)) | QALYs | life-years | inc. cost | inc. QALYs | ICER (\(currency)/QALY) "
        text += "| status | Δ cost vs \(reference) | Δ QALYs vs \(reference) |\n"
        text += "|---|---:|---:|---:|---:|---:|---:|---|---:|---:|\n"
        var flagged = false
        for (index, row) in rows.enumerated() {
            var status = row.status.rawValue.replacingOccurrences(of: "_", with: " ")
            if let comparator = row.comparator, row.status != .frontier {
                status += row.status == .identical ? " to \(comparator)" : " by \(comparator)"
            }
            if let evidence = decisionEvidence(arm: index), !evidence.isResolved {
                flagged = true
                status += evidence.subjectsToResolve.map { " (within Monte Carlo error; about \(Self.roundedUp($0)) subjects to resolve)" }
                    ?? " (within Monte Carlo error)"
            }
            let cells = [
                row.arm, Self.fixed(row.cost, 2), Self.fixed(row.qalys, 4), Self.fixed(row.lifeYears, 4),
                Self.fixed(row.incrementalCost, 2), Self.fixed(row.incrementalQALYs, 4), Self.fixed(row.icer, 0),
                status, Self.fixed(row.costVersusReference, 2), Self.fixed(row.qalysVersusReference, 4),
            ]
            text += "| " + cells.joined(separator: " | ") + " |\n"
        }
        if flagged {
            text += "\nA status *within Monte Carlo error* rests on a paired difference in cost or QALYs (against the arm "
            text += "it is compared with) whose 95 % interval includes 0: another seed may order these arms differently. "
            text += "The subject count is the run size at which that interval would exclude 0 if the estimated means held.\n"
        }
        if !values.isEmpty {
            text += "\n| WTP (\(currency)/QALY) | optimal arm |\n|---:|---|\n"
            for lambda in values {
                text += "| \(Self.fixed(lambda, 0)) | \(arms[optimalArm(willingnessToPay: lambda)].name) |\n"
            }
        }
        let categories = CostCategory.allCases.filter { category in arms.allSatisfy { $0.costByCategory[category] != nil } }
        if !arms.isEmpty, categories.count == Set(arms.flatMap(\.costByCategory.keys)).count, !categories.isEmpty {
            let societal = categories.contains(where: \.isSocietal)
            text += "\n### Cost breakdown\n\nMean discounted cost per subject (\(currency)) by category; the categories add up to the total"
                + (societal ? " (a societal perspective: productivity and crime are counted).\n\n" : ".\n\n")
            text += "| arm | " + categories.map(\.label).joined(separator: " | ") + " | total |\n"
            text += "|---|" + String(repeating: "---:|", count: categories.count + 1) + "\n"
            for arm in arms {
                text += "| \(arm.name) | " + categories.map { Self.fixed(arm.costByCategory[$0] ?? .nan, 2) }.joined(separator: " | ")
                    + " | \(Self.fixed(arm.cost, 2)) |\n"
            }
        }
        return text
    }

    /// `n` rounded up to two significant digits, with thousands separators (1234567 → "1,300,000").
    static func roundedUp(_ n: Int) -> String {
        var scale = 1
        while n / scale >= 100 { scale *= 10 }
        return thousandsGrouped(UInt64((n + scale - 1) / scale * scale), separator: ",")
    }

    /// `x` with `decimals` decimals (C's `%.*f`, deterministic), "–" for nil or non-finite.
    static func fixed(_ x: Double?, _ decimals: Int) -> String {
        guard let x, x.isFinite else { return "–" }
        return String(format: "%.\(decimals)f", x)
    }
}
