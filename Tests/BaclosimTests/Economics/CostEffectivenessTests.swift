import Testing
@testable import Baclosim

@Suite struct CostEffectivenessTests {
    /// A hand-built five-strategy example:
    ///   A (0, 0); B (10 000, 0.5); C (15 000, 0.4); D (25 000, 0.6); E (40 000, 1.0).
    /// C costs more than B and is less effective: strongly dominated. ICER(B→D) = 150 000 >
    /// ICER(D→E) = 37 500: D is extendedly dominated. Frontier A → B (20 000/QALY) → E
    /// (30 000/0.5 = 60 000/QALY).
    let textbook: [ArmOutcome] = [
        ArmOutcome(name: "A", cost: 0, qalys: 0, lifeYears: 10),
        ArmOutcome(name: "B", cost: 10_000, qalys: 0.5, lifeYears: 10.5),
        ArmOutcome(name: "C", cost: 15_000, qalys: 0.4, lifeYears: 10.4),
        ArmOutcome(name: "D", cost: 25_000, qalys: 0.6, lifeYears: 10.6),
        ArmOutcome(name: "E", cost: 40_000, qalys: 1.0, lifeYears: 11),
    ]

    @Test func fiveStrategyExampleHasOneStronglyAndOneExtendedlyDominatedArm() throws {
        // Arm order shuffled: the result must not depend on it.
        let order = [3, 0, 4, 2, 1]
        let analysis = try CostEffectivenessAnalysis(arms: order.map { textbook[$0] }, referenceArm: 1)
        let rows = Dictionary(uniqueKeysWithValues: analysis.rows.map { ($0.arm, $0) })
        #expect(rows["A"]?.status == .reference)
        #expect(rows["B"]?.status == .frontier)
        #expect(rows["C"]?.status == .dominated)
        #expect(rows["D"]?.status == .extendedlyDominated)
        #expect(rows["E"]?.status == .frontier)
        #expect(rows["B"]?.icer == 20_000)
        #expect(rows["B"]?.comparator == "A")
        #expect(rows["E"]?.icer == 60_000)
        #expect(rows["E"]?.comparator == "B")
        #expect(rows["E"]?.incrementalCost == 30_000)
        #expect(rows["E"]?.incrementalQALYs == 0.5)
        #expect(rows["C"]?.comparator == "B")
        #expect(rows["C"]?.icer == nil && rows["D"]?.icer == nil && rows["A"]?.icer == nil)
        #expect(rows["D"]?.comparator == nil)
        #expect(analysis.frontier.frontierArms.map { analysis.arms[$0].name } == ["A", "B", "E"])
        // Differences against the reference arm (A).
        #expect(rows["D"]?.costVersusReference == 25_000)
        #expect(rows["D"]?.qalysVersusReference == 0.6)
        #expect(abs((rows["E"]?.lifeYearsVersusReference ?? 0) - 1) <= 1e-12)
    }

    @Test func statusesDoNotDependOnArmOrder() throws {
        let natural = try CostEffectivenessAnalysis(arms: textbook)
        let reversed = try CostEffectivenessAnalysis(arms: textbook.reversed())
        let byName = Dictionary(uniqueKeysWithValues: reversed.rows.map { ($0.arm, $0.status) })
        for row in natural.rows { #expect(byName[row.arm] == row.status, "\(row.arm)") }
    }

    @Test func equalCostAndEffectKeepsTheFirstArmAndMarksOthersIdentical() throws {
        let arms = [
            ArmOutcome(name: "usual care", cost: 100, qalys: 1, lifeYears: 2),
            ArmOutcome(name: "baclofen", cost: 300, qalys: 1.2, lifeYears: 2),
            ArmOutcome(name: "baclofen copy", cost: 300, qalys: 1.2, lifeYears: 2),
        ]
        let rows = try CostEffectivenessAnalysis(arms: arms).rows
        #expect(rows.map(\.status) == [.reference, .frontier, .identical])
        #expect(rows[2].comparator == "baclofen")
        #expect(abs((rows[1].icer ?? 0) - 1_000) <= 1e-9)
        // The same with the copy listed first: the copy now stands for both.
        let swapped = try CostEffectivenessAnalysis(arms: [arms[0], arms[2], arms[1]]).rows
        #expect(swapped.map(\.status) == [.reference, .frontier, .identical])
        #expect(swapped[2].comparator == "baclofen copy")
    }

    @Test func equalEffectAtHigherCostAndEqualCostAtLowerEffectAreDominated() throws {
        let arms = [
            ArmOutcome(name: "cheap", cost: 100, qalys: 1, lifeYears: 1),
            ArmOutcome(name: "same effect, dearer", cost: 200, qalys: 1, lifeYears: 1),
            ArmOutcome(name: "better", cost: 500, qalys: 1.5, lifeYears: 1),
            ArmOutcome(name: "same cost, worse", cost: 500, qalys: 1.4, lifeYears: 1),
        ]
        let analysis = try CostEffectivenessAnalysis(arms: arms)
        #expect(analysis.rows.map(\.status) == [.reference, .dominated, .frontier, .dominated])
        #expect(analysis.rows[1].comparator == "cheap")
        #expect(analysis.rows[3].comparator == "better")
        #expect(analysis.rows[2].icer == 800)
    }

    @Test func armsOnOneLineStayOnTheFrontier() throws {
        // Equal ICERs (1000/QALY each step): no arm is extendedly dominated.
        let arms = (0..<4).map { ArmOutcome(name: "s\($0)", cost: 1_000 * Double($0), qalys: Double($0), lifeYears: 0) }
        let analysis = try CostEffectivenessAnalysis(arms: arms)
        #expect(analysis.rows.map(\.status) == [.reference, .frontier, .frontier, .frontier])
        #expect(analysis.rows.compactMap(\.icer) == [1_000, 1_000, 1_000])
    }

    @Test func aSingleArmIsTheReference() throws {
        let analysis = try CostEffectivenessAnalysis(arms: [ArmOutcome(name: "only", cost: 5, qalys: 1, lifeYears: 1)])
        #expect(analysis.rows.map(\.status) == [.reference])
        #expect(analysis.optimalArm(willingnessToPay: 20_000) == 0)
    }

    @Test func netMonetaryBenefitIsLambdaTimesQALYsMinusCost() throws {
        let analysis = try CostEffectivenessAnalysis(arms: textbook)
        #expect(analysis.netMonetaryBenefit(willingnessToPay: 30_000) == [0, 5_000, -3_000, -7_000, -10_000])
        #expect(analysis.netMonetaryBenefit(willingnessToPay: 70_000) == [0, 25_000, 13_000, 17_000, 30_000])
        #expect(analysis.optimalArm(willingnessToPay: 30_000) == 1)
        #expect(analysis.optimalArm(willingnessToPay: 70_000) == 4)
        let rows = analysis.netBenefitRows(willingnessToPay: [30_000])
        #expect(rows.map(\.isOptimal) == [false, true, false, false, false])
        #expect(rows[4].incrementalVersusReference == -10_000)
    }

    @Test func optimalArmIsTheFrontierArmWithTheLargestICERNotAboveLambda() throws {
        let analysis = try CostEffectivenessAnalysis(arms: textbook)
        for lambda in stride(from: 0.0, through: 100_000, by: 2_500) {
            var expected = analysis.frontier.frontierArms[0]
            for arm in analysis.frontier.frontierArms.dropFirst() where analysis.frontier.icer[arm]! < lambda {
                expected = arm
            }
            #expect(analysis.optimalArm(willingnessToPay: lambda) == expected, "λ = \(lambda)")
        }
        // Exactly at an ICER the two neighbours tie; the first in arm order wins.
        #expect(analysis.optimalArm(willingnessToPay: 20_000) == 0)
        #expect(analysis.optimalArm(willingnessToPay: 60_000) == 1)
    }

    @Test func invalidInputIsReportedAllAtOnce() {
        let arms = [
            ArmOutcome(name: "x", cost: .nan, qalys: 1, lifeYears: 1),
            ArmOutcome(name: "x", cost: 1, qalys: 1, lifeYears: 1),
        ]
        #expect(throws: ParameterProblems.self) { try CostEffectivenessAnalysis(arms: arms, referenceArm: 5) }
        do {
            _ = try CostEffectivenessAnalysis(arms: arms, referenceArm: 5)
        } catch {
            #expect(error.problems.map(\.keyPath) == ["arms[0]", "arms[1].name", "economics.reference_arm"])
        }
    }

    @Test func csvHasOneRowPerArmWithEmptyIncrementsOffTheFrontier() throws {
        var arms = Array(textbook.prefix(3))
        arms[2].name = "C, \"generic\""
        let csv = try CostEffectivenessAnalysis(arms: arms).csv()
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "arm,cost,qalys,life_years,inc_cost,inc_qalys,icer,status,comparator,"
            + "cost_vs_reference,qalys_vs_reference,life_years_vs_reference,decision_resolved,subjects_to_resolve,currency,price_year")
        // Means only (no paired differences): no verdict on Monte Carlo error.
        #expect(lines[1] == "A,0.0,0.0,10.0,,,,reference,,0.0,0.0,0.0,,,,")
        #expect(lines[2] == "B,10000.0,0.5,10.5,10000.0,0.5,20000.0,frontier,A,10000.0,0.5,0.5,,,,")
        let priced = try CostEffectivenessAnalysis(arms: arms).csv(currency: "GBP", priceYear: 2024)
        #expect(priced.split(separator: "\n")[1] == "A,0.0,0.0,10.0,,,,reference,,0.0,0.0,0.0,,,GBP,2024")
        #expect(lines[3].hasPrefix("\"C, \"\"generic\"\"\",15000.0,0.4,10.4,,,,dominated,B,"))
        #expect(lines.count == 5 && lines[4].isEmpty)
    }

    @Test func markdownShowsStatusesAndTheOptimalArmPerLambda() throws {
        let text = try CostEffectivenessAnalysis(arms: textbook).markdown(currency: "GBP", willingnessToPay: [20_000, 30_000])
        #expect(text.contains("| D | 25000.00 | 0.6000 | 10.6000 | – | – | – | extendedly dominated |"))
        #expect(text.contains("| C | 15000.00 | 0.4000 | 10.4000 | – | – | – | dominated by B |"))
        #expect(text.contains("| E | 40000.00 | 1.0000 | 11.0000 | 30000.00 | 0.5000 | 60000 | frontier |"))
        #expect(text.contains("| 30000 | B |"))
        let nmb = try CostEffectivenessAnalysis(arms: textbook).netBenefitCSV(willingnessToPay: [30_000])
        // NHB of B at λ = 30,000: 0.5 − 10,000/30,000 QALYs.
        #expect(nmb.split(separator: "\n")[2] == "30000.0,B,5000.0,5000.0,1," + CSVNumber.format(0.5 - 10_000.0 / 30_000) + ",,")
        let priced = try CostEffectivenessAnalysis(arms: textbook).netBenefitCSV(willingnessToPay: [30_000], currency: "USD", priceYear: 2023)
        #expect(priced.split(separator: "\n")[0].hasSuffix(",currency,price_year") && priced.split(separator: "\n")[2].hasSuffix(",USD,2023"))
    }

    /// The textbook arms with paired differences: B's step over A is settled; C's dominance by
    /// B rests on a QALY difference of −0.1 with SE 0.1 at 1,000 subjects, so it is within Monte
    /// Carlo error and needs n·(z·SE/|mean|)² = 1,000 × 1.96² ≈ 3,842 subjects; D (extendedly
    /// dominated between B and E) is settled against both.
    func withPairs() throws -> CostEffectivenessAnalysis {
        var analysis = try CostEffectivenessAnalysis(arms: textbook)
        func pair(_ a: Int, _ b: Int, qalySE: Double) -> PairedEconomicDifference {
            PairedEconomicDifference(minuend: a, subtrahend: b,
                                     cost: PairedEstimate(mean: textbook[a].cost - textbook[b].cost, standardError: 100, subjects: 1_000),
                                     qalys: PairedEstimate(mean: textbook[a].qalys - textbook[b].qalys, standardError: qalySE, subjects: 1_000))
        }
        // B − A and E − D as stored; C − B given as B − C (the analysis negates it).
        analysis.pairedDifferences = [pair(1, 0, qalySE: 0.01), pair(1, 2, qalySE: 0.1), pair(3, 1, qalySE: 0.01),
                                      pair(4, 3, qalySE: 0.01), pair(4, 1, qalySE: 0.01)]
        return analysis
    }

    @Test func aDominanceWhoseQALYIntervalIncludesZeroIsFlaggedWithTheSubjectsToSettleIt() throws {
        let analysis = try withPairs()
        #expect(analysis.decisionEvidence(arm: 0) == nil)
        #expect(analysis.decisionEvidence(arm: 1) == FrontierDecisionEvidence(isResolved: true, subjectsToResolve: nil))
        let expected = Int((1_000 * PairedEstimate.z95 * PairedEstimate.z95).rounded(.up))
        #expect(expected == 3_842)
        #expect(analysis.decisionEvidence(arm: 2) == FrontierDecisionEvidence(isResolved: false, subjectsToResolve: expected))
        #expect(analysis.decisionEvidence(arm: 3)?.isResolved == true)
        #expect(analysis.decisionEvidence(arm: 4)?.isResolved == true)
        let lines = analysis.csv().split(separator: "\n").map(String.init)
        #expect(lines[2].hasSuffix(",1,,,"))
        #expect(lines[3].hasSuffix(",0,3842,,"))
        let text = analysis.markdown(currency: "GBP")
        #expect(text.contains("| dominated by B (within Monte Carlo error; about 3,900 subjects to resolve) |"))
        #expect(text.contains("| extendedly dominated |") && text.contains("A status *within Monte Carlo error*"))
    }

    @Test func aDecisionWithoutTheDifferencesItNeedsOrWithAZeroDifferenceHasNoSubjectCount() throws {
        var analysis = try withPairs()
        analysis.pairedDifferences.removeAll { $0.minuend == 4 && $0.subtrahend == 3 }
        #expect(analysis.decisionEvidence(arm: 3) == nil)   // D needs E − D
        let zero = FrontierDecisionEvidence([PairedEstimate(mean: 0, standardError: 0.1, subjects: 10)])
        #expect(!zero.isResolved && zero.subjectsToResolve == nil)
        #expect(CostEffectivenessAnalysis.roundedUp(3_842) == "3,900" && CostEffectivenessAnalysis.roundedUp(1_234_567) == "1,300,000")
        #expect(CostEffectivenessAnalysis.roundedUp(99) == "99" && CostEffectivenessAnalysis.roundedUp(100) == "100")
    }

    @Test func markdownBreaksEachArmsCostDownByCategory() throws {
        var arms = Array(textbook.prefix(2))
        let health = CostCategory.allCases.filter { !$0.isSocietal }
        arms[0].costByCategory = Dictionary(uniqueKeysWithValues: health.map { ($0, 0.0) })
        arms[1].costByCategory = Dictionary(uniqueKeysWithValues: zip(health, [4_000, 1_000, 2_500, 500, 1_500, 500]))
        let text = try CostEffectivenessAnalysis(arms: arms).markdown(currency: "GBP")
        #expect(text.contains("| B | 4000.00 | 1000.00 | 2500.00 | 500.00 | 1500.00 | 500.00 | 10000.00 |"))
        // Without categories for every arm, no breakdown.
        arms[0].costByCategory = [:]
        #expect(!(try CostEffectivenessAnalysis(arms: arms).markdown(currency: "GBP")).contains("Cost breakdown"))
        // A societal perspective adds its categories, in every arm.
        arms[0].costByCategory = Dictionary(uniqueKeysWithValues: CostCategory.allCases.map { ($0, 0.0) })
        arms[1].costByCategory = Dictionary(uniqueKeysWithValues: zip(CostCategory.allCases, [4_000, 1_000, 2_500, 500, 1_500, 500, 700, 300]))
        let societal = try CostEffectivenessAnalysis(arms: arms).markdown(currency: "GBP")
        #expect(societal.contains("| arm | drug | monitoring | psychosocial | side effects | hospital | safety events | productivity | crime | total |"))
        #expect(societal.contains("a societal perspective"))
    }
}
