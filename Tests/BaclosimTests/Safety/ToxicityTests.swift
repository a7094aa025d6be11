import Foundation
import Testing
@testable import Baclosim

@Suite("Safety: toxicity")
struct ToxicityTests {
    @Test func defaultHazardIsNegligibleAtTherapeuticPeaksAndRisesSteeply() {
        let model = ToxicityModel.assumedBaclofen
        let sedation = model.grades[0].hazard
        #expect(sedation.hazardPerDay(concentrationMgPerL: 0.3) < 1e-6)
        #expect(sedation.hazardPerDay(concentrationMgPerL: 0.9) < 1e-5)
        #expect(model.grades[1].hazard.hazardPerDay(concentrationMgPerL: 0.9) < 1e-6)
        // The design rule: about 5e-4/day at the 95th-percentile peak of 180 mg/day (1.41 mg/L).
        let tail = sedation.hazardPerDay(concentrationMgPerL: 1.41)
        #expect(tail > 4e-4 && tail < 6e-4, "\(tail)")
        #expect(sedation.hazardPerDay(concentrationMgPerL: 4.0) > 1.9)
        // Higher exposure (e.g. from renal impairment in the PK model) means higher hazard.
        var previous = 0.0
        for c in stride(from: 0.1, through: 4.0, by: 0.1) {
            for grade in model.grades {
                #expect(grade.hazard.hazardPerDay(concentrationMgPerL: c) >= 0)
            }
            let h = sedation.hazardPerDay(concentrationMgPerL: c)
            #expect(h > previous)
            previous = h
        }
    }

    @Test func gradesAreNestedWithTheirDailyProbabilities() {
        let model = ToxicityModel.assumedBaclofen
        let c = 2.2
        var running = 1.0
        let atLeast = model.grades.map { grade -> Double in
            running = min(running, 1 - exp(-grade.hazard.hazardPerDay(concentrationMgPerL: c)))
            return running
        }
        let n = 20_000
        var random = SafetySplitMix64(seed: 41)
        var counts = [Int](repeating: 0, count: model.grades.count)
        for _ in 0..<n {
            var state = ToxicityState()
            let outcome = state.advance(model, cmaxMgPerL: c, cavgMgPerL: 0, prescribedDailyDoseMg: 100,
                                        u: random.uniform())
            guard let kind = outcome.kind, let grade = model.grades.firstIndex(where: { $0.kind == kind }) else { continue }
            for j in 0...grade { counts[j] += 1 }
        }
        for j in model.grades.indices { expectProportion(counts[j], of: n, near: atLeast[j]) }
    }

    @Test func runsOfSeriousDaysCountAsOneHospitalisation() {
        let model = ToxicityModel.assumedBaclofen
        var state = ToxicityState()
        let us = [1e-9, 1e-9, 0.999_999, 1e-9]
        let starts = us.map {
            state.advance(model, cmaxMgPerL: 3.0, cavgMgPerL: 0, prescribedDailyDoseMg: 100, u: $0).startsHospitalisation
        }
        #expect(starts == [true, false, false, true])
        #expect(state.counters.hospitalisations == 2 && state.counters.seriousEventDays == 3)
        #expect(state.counters.eventDays[.respiratoryDepression] == 3 && state.counters.firstEventDay == 0)
    }

    @Test func toleranceScalesEveryGrade() {
        let tolerant = ToxicityModel(driver: .cmax, grades: ToxicityModel.assumedBaclofen.grades,
                                     tolerance: HazardTolerance(floor: 0, timeConstantDays: 1e-6))
        var state = ToxicityState()
        _ = state.advance(tolerant, cmaxMgPerL: 3, cavgMgPerL: 0, prescribedDailyDoseMg: 100, u: 0.999_999)
        // Day 1 on the same dose: the multiplier is e^{−1/1e-6} = 0, so no event is possible.
        let outcome = state.advance(tolerant, cmaxMgPerL: 3, cavgMgPerL: 0, prescribedDailyDoseMg: 100, u: 1e-12)
        #expect(outcome.kind == nil)
        #expect(ToxicityModel.assumedBaclofen.validationProblems().isEmpty)
    }
}
