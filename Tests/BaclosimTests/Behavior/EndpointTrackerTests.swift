import Testing
@testable import Baclosim

@Suite struct EndpointTrackerTests {
    /// Runs one hand-written record (drinks per day; days from `dropoutDay` on are unobserved).
    static func evaluate(_ definitions: [EndpointDefinition], drinks: [Int], sex: Sex = .male,
                         baselineDrinksPerDay: Double = 10, dropoutDay: Int? = nil,
                         standardDrinkGrams: Double = 10) -> [EndpointValue] {
        var tracker = EndpointTracker(definitions: definitions, horizonDays: drinks.count,
                                      standardDrinkGrams: standardDrinkGrams)
        tracker.reset(sex: sex, baselineDrinksPerDay: baselineDrinksPerDay)
        for (day, n) in drinks.enumerated() {
            tracker.observe(day: day, drinks: n, grams: Double(n) * standardDrinkGrams,
                            observed: dropoutDay.map { day < $0 } ?? true)
        }
        var results: [EndpointValue] = []
        tracker.finish(into: &results)
        return results
    }

    static func record(days: Int, _ drinking: [Int: Int]) -> [Int] {
        (0..<days).map { drinking[$0] ?? 0 }
    }

    @Test func abstinenceEndpointsCountDrinkingDays() {
        // 28 days; drinking on day 3 (2 drinks), day 10 (4 drinks), day 20 (6 drinks).
        let drinks = Self.record(days: 28, [3: 2, 10: 4, 20: 6])
        let all = DayWindow(firstDay: 0, lastDay: 27)
        let definitions: [EndpointDefinition] = [
            .continuousAbstinence(all, .complete),
            .continuousAbstinence(.through(day: 3), .complete),
            .continuousAbstinence(.through(day: 4), .complete),
            .continuousAbstinence(DayWindow(firstDay: 21, lastDay: 27), .complete),
            .abstinentDays(all, .complete),
            .proportionDaysAbstinent(all, .complete),
            .timeToFirstDrink(all, .complete),
            .timeToFirstDrink(DayWindow(firstDay: 4, lastDay: 27), .complete),
            .totalDrinks(all, .complete),
            .meanGramsPerDay(all, .complete),
        ]
        let r = Self.evaluate(definitions, drinks: drinks)
        #expect(r.map(\.value) == [0, 1, 0, 1, 25, 25.0 / 28, 4, 7, 12, 120.0 / 28])
        #expect(r.allSatisfy { !$0.censored })
        let never = Self.evaluate([.timeToFirstDrink(all, .complete)], drinks: Self.record(days: 28, [:]))
        #expect(never[0] == EndpointValue(value: 28, censored: true))
    }

    @Test func heavyDrinkingDaysUseSexSpecificThresholds() {
        // Drinks 4, 5, 3 on three days of 10: a woman has 2 heavy days (≥ 4), a man 1 (≥ 5).
        let drinks = Self.record(days: 10, [1: 4, 2: 5, 6: 3])
        let window = DayWindow(firstDay: 0, lastDay: 9)
        let definitions: [EndpointDefinition] = [
            .proportionHeavyDrinkingDays(window, .niaaa, .complete),
            .proportionHeavyDrinkingDays(window, .uniform(5), .complete),
            .timeToRelapse(window, .firstHeavyDay(), .complete),
        ]
        let woman = Self.evaluate(definitions, drinks: drinks, sex: .female)
        let man = Self.evaluate(definitions, drinks: drinks, sex: .male)
        #expect(woman.map(\.value) == [0.2, 0.1, 2])
        #expect(man.map(\.value) == [0.1, 0.1, 3])
    }

    @Test func addolorato2007RelapseNeedsFourConsecutiveWeeksAtFourteenDrinks() {
        let window = DayWindow(firstDay: 0, lastDay: 83)
        let relapse: [EndpointDefinition] = [.timeToRelapse(window, .addolorato2007, .complete)]
        // 2 drinks every day = 14/week, never > 4 on a day: relapse at the end of week 4 (day 27).
        let steady = [Int](repeating: 2, count: 84)
        #expect(Self.evaluate(relapse, drinks: steady)[0] == EndpointValue(value: 28, censored: false))
        // Week 2 (days 14–20) has 13 drinks: the run restarts in week 3 and completes in week 6
        // (days 21–48), relapse on day 48.
        var gap = steady
        gap[14] = 1
        #expect(Self.evaluate(relapse, drinks: gap)[0] == EndpointValue(value: 49, censored: false))
        // Three qualifying weeks then lighter drinking: no relapse.
        let short = (0..<84).map { $0 < 21 ? 2 : 1 }
        #expect(Self.evaluate(relapse, drinks: short)[0] == EndpointValue(value: 84, censored: true))
        // One day with 5 drinks (> 4) is a relapse that day.
        var binge = Self.record(days: 84, [:])
        binge[30] = 5
        #expect(Self.evaluate(relapse, drinks: binge)[0] == EndpointValue(value: 31, censored: false))
        binge[30] = 4
        #expect(Self.evaluate(relapse, drinks: binge)[0].censored)
    }

    @Test func kHeavyDaysWithinAWindowRelapseRule() {
        let window = DayWindow(firstDay: 0, lastDay: 29)
        let rule = RelapseDefinition(heavyDays: HeavyDaysCriterion(count: 3, windowDays: 7, threshold: .niaaa))
        let definition: [EndpointDefinition] = [.timeToRelapse(window, rule, .complete)]
        // Heavy on days 2, 5, 8: the 7 days 2…8 hold three → relapse on day 8.
        #expect(Self.evaluate(definition, drinks: Self.record(days: 30, [2: 6, 5: 6, 8: 6]))[0]
                == EndpointValue(value: 9, censored: false))
        // Heavy on days 1, 5, 9, 20: never three within 7 days.
        #expect(Self.evaluate(definition, drinks: Self.record(days: 30, [1: 6, 5: 6, 9: 6, 20: 6]))[0].censored)
        // Non-heavy drinking days (4 drinks, man) do not count.
        #expect(Self.evaluate(definition, drinks: Self.record(days: 30, [2: 4, 3: 4, 4: 4]))[0].censored)
    }

    @Test func dropoutConventionsAreExplicit() {
        // Abstinent days 0–9, drop out from day 10; the simulation keeps drinking 3/day after it.
        let drinks = (0..<20).map { $0 < 10 ? 0 : 3 }
        let window = DayWindow(firstDay: 0, lastDay: 19)
        func endpoints(_ c: MissingDataConvention) -> [EndpointDefinition] {
            [.continuousAbstinence(window, c), .proportionDaysAbstinent(window, c),
             .timeToFirstDrink(window, c), .totalDrinks(window, c), .proportionHeavyDrinkingDays(window, .niaaa, c)]
        }
        let complete = Self.evaluate(endpoints(.complete), drinks: drinks, baselineDrinksPerDay: 12, dropoutDay: 10)
        #expect(complete.map(\.value) == [0, 0.5, 11, 30, 0])
        let observed = Self.evaluate(endpoints(.observedOnly), drinks: drinks, baselineDrinksPerDay: 12, dropoutDay: 10)
        #expect(observed.map(\.value) == [1, 1, 10, 0, 0])
        #expect(observed.allSatisfy { $0.censored })
        let failure = Self.evaluate(endpoints(.dropoutIsFailure), drinks: drinks, baselineDrinksPerDay: 12,
                                    dropoutDay: 10)
        // Unobserved days: drinking, heavy, baseline 12 drinks carried forward.
        #expect(failure.map(\.value) == [0, 0.5, 11, 120, 0.5])
        #expect(!failure[2].censored)
        // Dropout before the window: observed-only has nothing to count.
        let late = Self.evaluate([.proportionDaysAbstinent(DayWindow(firstDay: 12, lastDay: 19), .observedOnly)],
                                 drinks: drinks, dropoutDay: 10)
        #expect(late[0].value.isNaN && late[0].censored)
    }

    /// Death censors every endpoint under every convention: the days before it count as
    /// observed (the observed-only figures of `dropoutConventionsAreExplicit`), none after it is
    /// imputed, as failure or otherwise, and the dropout endpoints count the death as leaving.
    @Test func deathCensorsEveryEndpointWhateverTheConvention() {
        let window = DayWindow(firstDay: 0, lastDay: 19)
        let drinks = (0..<10).map { _ in 0 }
        for convention in [MissingDataConvention.complete, .observedOnly, .dropoutIsFailure] {
            var tracker = EndpointTracker(
                definitions: [.continuousAbstinence(window, convention), .proportionDaysAbstinent(window, convention),
                              .timeToFirstDrink(window, convention), .totalDrinks(window, convention),
                              .dropout(window), .timeToDropout(window)],
                horizonDays: 20, standardDrinkGrams: 10)
            tracker.reset(sex: .male, baselineDrinksPerDay: 12)
            for (day, n) in drinks.enumerated() { tracker.observe(day: day, drinks: n, grams: 0, observed: true) }
            tracker.observeDeath(fromDay: 10)
            var results: [EndpointValue] = []
            tracker.finish(into: &results)
            #expect(results.map(\.value) == [1, 1, 10, 0, 1, 11], "\(convention)")
            #expect(results[2].censored, "time to first drink is censored at death (\(convention))")
        }
        // A death after the window's last day changes nothing in it.
        var tracker = EndpointTracker(definitions: [.proportionDaysAbstinent(DayWindow(firstDay: 0, lastDay: 4), .observedOnly)],
                                      horizonDays: 10, standardDrinkGrams: 10)
        tracker.reset(sex: .female, baselineDrinksPerDay: 2)
        for day in 0..<6 { tracker.observe(day: day, drinks: day == 2 ? 1 : 0, grams: 0, observed: true) }
        tracker.observeDeath(fromDay: 6)
        var results: [EndpointValue] = []
        tracker.finish(into: &results)
        #expect(results == [EndpointValue(value: 0.8, censored: false)])
    }

    @Test func dropoutEndpointsReportTheFirstUnobservedDay() {
        let drinks = [Int](repeating: 0, count: 30)
        let window = DayWindow(firstDay: 0, lastDay: 29)
        let definitions: [EndpointDefinition] = [.dropout(window), .timeToDropout(window),
                                                 .dropout(DayWindow(firstDay: 0, lastDay: 9))]
        let dropped = Self.evaluate(definitions, drinks: drinks, dropoutDay: 12)
        #expect(dropped == [EndpointValue(value: 1, censored: false), EndpointValue(value: 13, censored: false),
                            EndpointValue(value: 0, censored: false)])
        let completer = Self.evaluate(definitions, drinks: drinks)
        #expect(completer[0].value == 0 && completer[1] == EndpointValue(value: 30, censored: true))
    }

    @Test func drinkingRiskLevelInTheFinalWindowUsesWHOBandsBySex() {
        // 5 drinks × 10 g every day of the last 28 (50 g/day): medium for men, high for women.
        let drinks = (0..<56).map { $0 < 28 ? 12 : 5 }
        let final = DayWindow.final(days: 28, horizonDays: 56)
        #expect(final == DayWindow(firstDay: 28, lastDay: 55))
        let definitions: [EndpointDefinition] = [.drinkingRiskLevel(final, .complete), .lowRiskDrinking(final, .complete),
                                                 .meanGramsPerDay(final, .complete)]
        let man = Self.evaluate(definitions, drinks: drinks, sex: .male)
        let woman = Self.evaluate(definitions, drinks: drinks, sex: .female)
        #expect(man.map(\.value) == [Double(DrinkingRiskLevel.medium.rawValue), 0, 50])
        #expect(woman.map(\.value) == [Double(DrinkingRiskLevel.high.rawValue), 0, 50])
        // 2 drinks/day = 20 g: low for both (≤ 40 men, ≤ 20 women).
        let light = (0..<56).map { _ in 2 }
        #expect(Self.evaluate(definitions, drinks: light, sex: .female).map(\.value) == [1, 1, 20])
    }

    @Test func whoBandsAtTheirEdges() {
        #expect(DrinkingRiskLevel.classify(gramsPerDay: 0, sex: .male) == .abstinent)
        #expect(DrinkingRiskLevel.classify(gramsPerDay: 40, sex: .male) == .low)
        #expect(DrinkingRiskLevel.classify(gramsPerDay: 40.5, sex: .male) == .medium)
        #expect(DrinkingRiskLevel.classify(gramsPerDay: 100, sex: .male) == .high)
        #expect(DrinkingRiskLevel.classify(gramsPerDay: 101, sex: .male) == .veryHigh)
        #expect(DrinkingRiskLevel.classify(gramsPerDay: 20.5, sex: .female) == .medium)
        #expect(DrinkingRiskLevel.classify(gramsPerDay: 60, sex: .female) == .high)
        #expect(DrinkingRiskLevel.classify(gramsPerDay: 61, sex: .female) == .veryHigh)
    }

    @Test func trackerResetsBetweenSubjectsAndValidatesDefinitions() {
        let window = DayWindow(firstDay: 0, lastDay: 6)
        var tracker = EndpointTracker(definitions: [.abstinentDays(window, .complete)], horizonDays: 7,
                                      standardDrinkGrams: 10)
        var results: [EndpointValue] = []
        for drinking in [3, 0] {
            tracker.reset(sex: .male, baselineDrinksPerDay: 5)
            for day in 0..<7 { tracker.observe(day: day, drinks: day < drinking ? 1 : 0, grams: 0, observed: true) }
            tracker.finish(into: &results)
            #expect(results[0].value == Double(7 - drinking))
        }
        #expect(EndpointDefinition.abstinentDays(DayWindow(firstDay: 0, lastDay: 7), .complete)
            .problems(horizonDays: 7).count == 1)
        let badRule = RelapseDefinition(heavyDays: HeavyDaysCriterion(count: 2, windowDays: 65, threshold: .niaaa))
        #expect(EndpointDefinition.timeToRelapse(window, badRule, .complete).problems(horizonDays: 7).count == 1)
        #expect(EndpointDefinition.timeToRelapse(window, RelapseDefinition(), .complete).problems(horizonDays: 7).count == 1)
    }
}
