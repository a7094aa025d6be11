import Testing
@testable import Baclosim

@Suite struct CostModelTests {
    func model(_ basis: DrugCostBasis, packSize: Int = 28, packPrice: Double = 5.6) -> CostModel {
        CostModel(currency: "GBP", priceYear: 2024,
                  drugs: [DrugProduct(name: "baclofen 10 mg", tabletStrengthMg: 10, tabletsPerPack: packSize,
                                      packPrice: packPrice, costBasis: basis)])
    }

    @Test func perTabletBasesPriceTakenOrDispensedTablets() {
        var supply = DrugSupply()
        let input = DailyCostInput(tabletsDispensed: TabletCounts(3), tabletsTaken: TabletCounts(2))
        // 5.6 / 28 = 0.2 per tablet.
        let taken = model(.tabletsTaken).dailyCost(input, supply: &supply)
        let dispensed = model(.tabletsDispensed).dailyCost(input, supply: &supply)
        #expect(abs(taken.drug - 0.4) <= 1e-12)
        #expect(abs(dispensed.drug - 0.6) <= 1e-12)
        #expect(supply == DrugSupply())
    }

    @Test func wholePacksAreBoughtWhenTheOpenPackRunsOut() {
        let costModel = model(.wholePacks)
        var supply = DrugSupply()
        var openingDays: [Int] = []
        var total = 0.0
        for day in 0..<30 {
            let cost = costModel.dailyCost(DailyCostInput(tabletsDispensed: TabletCounts(3)), supply: &supply)
            if cost.drug > 0 { openingDays.append(day) }
            total += cost.drug
        }
        // Oracle: a pack opens on day d iff ⌈3(d+1)/28⌉ > ⌈3d/28⌉.
        let expected = (0..<30).filter { d in (3 * (d + 1) + 27) / 28 > (3 * d + 27) / 28 }
        #expect(openingDays == expected)
        #expect(openingDays == [0, 9, 18, 28])
        #expect(abs(total - 4 * 5.6) <= 1e-12)
        #expect(supply.tabletsLeft[0] == 4 * 28 - 90)
    }

    @Test func dispensingMoreThanAPackAtOnceOpensSeveralPacks() {
        var supply = DrugSupply()
        let cost = model(.wholePacks).dailyCost(DailyCostInput(tabletsDispensed: TabletCounts(100)), supply: &supply)
        #expect(abs(cost.drug - 4 * 5.6) <= 1e-12)
        #expect(supply.tabletsLeft[0] == 12)
    }

    @Test func productsArePricedIndependently() {
        let costModel = CostModel(currency: "EUR", priceYear: 2023, drugs: [
            DrugProduct(name: "a", tabletStrengthMg: 10, tabletsPerPack: 10, packPrice: 10),
            DrugProduct(name: "b", tabletStrengthMg: 25, tabletsPerPack: 5, packPrice: 20, costBasis: .wholePacks),
        ])
        var supply = DrugSupply()
        let cost = costModel.dailyCost(DailyCostInput(tabletsDispensed: TabletCounts(2, 1)), supply: &supply)
        #expect(abs(cost.drug - (2 * 1 + 20)) <= 1e-12)
        #expect(supply.tabletsLeft[0] == 0 && supply.tabletsLeft[1] == 4)
    }

    @Test func scheduledServicesOccurOnTheirTreatmentDaysAndCoincidingDaysCountOnce() {
        let visits = ScheduledService(unitCost: 40, schedules: [
            RecurringSchedule(firstDay: 0, everyDays: 7, lastDay: 27),   // weekly during titration
            RecurringSchedule(firstDay: 0, everyDays: 28, lastDay: 84),  // then monthly
        ])
        let costModel = CostModel(currency: "GBP", priceYear: 2024, monitoringVisits: visits,
                                  laboratoryTests: ScheduledService(unitCost: 15, schedules: [
                                      RecurringSchedule(firstDay: 14, everyDays: 90)]),
                                  psychosocialSessions: ScheduledService(unitCost: 60, schedules: [.once(onDay: 3)]))
        var supply = DrugSupply()
        var visitDays: [Int] = [], labDays: [Int] = [], sessionDays: [Int] = []
        for day in 0..<200 {
            let cost = costModel.dailyCost(DailyCostInput(treatmentDay: day), supply: &supply)
            if cost.visits > 0 { visitDays.append(day); #expect(cost.visits == 40) }
            if cost.laboratory > 0 { labDays.append(day) }
            if cost.psychosocial > 0 { sessionDays.append(day) }
        }
        #expect(visitDays == [0, 7, 14, 21, 28, 56, 84])
        #expect(labDays == [14, 104, 194])
        #expect(sessionDays == [3])
    }

    @Test func offTreatmentDaysHaveNoScheduledCostsButKeepEventCosts() {
        let costModel = CostModel(currency: "GBP", priceYear: 2024,
                                  monitoringVisits: ScheduledService(unitCost: 40, schedules: [RecurringSchedule(firstDay: 0, everyDays: 1)]),
                                  unscheduledVisitCost: 55)
        var supply = DrugSupply()
        let cost = costModel.dailyCost(DailyCostInput(treatmentDay: nil, unscheduledVisits: 2), supply: &supply)
        #expect(cost.visits == 110)
    }

    @Test func eventAndStateCostsLandInTheirCategoriesAndSumToTheTotal() {
        let costModel = CostModel(
            currency: "GBP", priceYear: 2024, sideEffectCostPerEvent: 30,
            hospitalisationCostPerDay: PerDrinkingRiskLevel(abstinent: 0.1, low: 0.2, medium: 0.5, high: 1.5, veryHigh: 4),
            seriousEventCost: PerSeriousEvent(seizure: 2500, delirium: 4000, toxicity: 6000),
            pregnancyTestCost: 5)
        var supply = DrugSupply()
        let input = DailyCostInput(sideEffectOnsets: 2, sideEffectEpisodeCost: 12, drinkingRiskLevel: .high,
                                   seriousEvents: PerSeriousEvent(seizure: 1, delirium: 0, toxicity: 2), pregnancyTests: 1)
        let cost = costModel.dailyCost(input, supply: &supply)
        #expect(cost.sideEffects == 72)
        #expect(cost.hospitalisation == 1.5)
        #expect(cost.seriousEvents == 14_500)
        #expect(cost.pregnancyTests == 5)
        let expectedTotal: Double = 72 + 1.5 + 14_500 + 5
        #expect(cost.total == expectedTotal)
        #expect(cost.categoryValues.reduce(0, +) == cost.total)
        #expect(CostBreakdown.categoryNames.count == cost.categoryValues.count)
        for level in DrinkingRiskLevel.allCases {
            var levelInput = DailyCostInput()
            levelInput.drinkingRiskLevel = level
            #expect(costModel.dailyCost(levelInput, supply: &supply).hospitalisation
                == costModel.hospitalisationCostPerDay[level])
        }
    }

    @Test func validationReportsEveryProblemWithItsKeyAndFix() {
        var costModel = CostModel(currency: "gbp", priceYear: 24, drugs: [
            DrugProduct(name: "", tabletStrengthMg: 0, tabletsPerPack: 0, packPrice: -1),
        ])
        costModel.monitoringVisits = ScheduledService(unitCost: 40, schedules: [RecurringSchedule(firstDay: 5, everyDays: 0, lastDay: 2)])
        costModel.seriousEventCost.toxicity = .nan
        let keys = costModel.validate().map(\.keyPath)
        #expect(keys == [
            "currency", "price_year", "drugs[0].name", "drugs[0].tablet_strength_mg", "drugs[0].tablets_per_pack",
            "drugs[0].pack_price", "monitoring_visits.schedule[0].every_days", "monitoring_visits.schedule[0].last_day",
            "serious_event_cost.toxicity",
        ])
        #expect(costModel.validate()[0].fix.contains("GBP"))
        #expect(model(.wholePacks).validate().isEmpty)
    }
}
