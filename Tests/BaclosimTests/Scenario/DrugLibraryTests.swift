import Foundation
import Testing
@testable import Baclosim

/// The shipped library folder, found from this file's location (Tests/BaclosimTests/Scenario/).
let shippedDrugFolder: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Scenarios/drugs").path

@Suite struct DrugLibraryTests {
    let library = DrugLibrary(folder: shippedDrugFolder)

    @Test func libraryHoldsTheBriefsDrugs() {
        #expect(library.drugNames() == [
            "acamprosate", "baclofen", "buprenorphine", "chlordiazepoxide", "diazepam", "methadone",
            "nalmefene", "naltrexone", "vigabatrin",
        ])
    }

    @Test(arguments: ["acamprosate", "baclofen", "buprenorphine", "chlordiazepoxide", "diazepam", "methadone",
                      "nalmefene", "naltrexone", "vigabatrin"])
    func everyShippedDrugFileLoadsWithNoIssues(name: String) throws {
        let drug: DrugDefinition
        do {
            drug = try library.load(name)
        } catch {
            Issue.record("\(error)")
            return
        }
        #expect(drug.name == name)
        for modelName in drug.modelNames {
            let model = try #require(drug.model(named: modelName))
            // Every model's Ω has a Cholesky factor, so η can be sampled.
            #expect(model.parameterModel().omegaCholesky != nil, "\(name).\(modelName)")
            // Every model evaluates to positive parameters at the reference subject.
            let parameterModel = model.parameterModel()
            var values = [Double](repeating: 0, count: parameterModel.parameters.count)
            parameterModel.evaluate(covariates: .reference, eta: [Double](repeating: 0, count: parameterModel.etaCount),
                                    into: &values)
            #expect(values.allSatisfy { $0 > 0 }, "\(name).\(modelName)")
        }
        // The default regimen is valid over a year.
        #expect(drug.regimen.validate(horizonDays: 365).isEmpty)
    }

    @Test func baclofenDefaultModelIsSimon2018() throws {
        let drug = try library.load("baclofen")
        let model = try drug.requireModel(named: nil)
        #expect(model.name == "simon2018")
        #expect(model.structure == .oneCompartment && model.route == .oral)
        let clearance = try #require(model.parameter(named: "CL"))
        #expect(clearance.typicalValue == 11.6)
        #expect(abs((clearance.omegaVariance ?? 0) - 0.21 * 0.21) < 1e-15)
        #expect(clearance.effects == [.renal(renalFraction: 0.57, referenceCrClMLPerMin: 100)])
        #expect(model.parameter(named: "KA")?.typicalValue == 1.64)
        #expect(model.parameter(named: "V")?.typicalValue == 72.8)
        #expect(model.residualError == ResidualError(proportionalCVPercent: 24))
        // Typical subject: CL 11.6 L/h at CrCl 100; 0.60 × that at CrCl 30 (docs/sources.md#d-renal-covariate).
        let parameters = model.parameterModel()
        let index = try #require(parameters.index(of: "CL"))
        var covariates = PKCovariates.reference
        #expect(abs(parameters.parameters[index].typicalValue(for: covariates) - 11.6) < 1e-12)
        covariates.creatinineClearanceMLPerMin = 30
        #expect(abs(parameters.parameters[index].typicalValue(for: covariates) / 11.6 - 0.601) < 1e-12)
    }

    @Test func baclofenAlternativeModelsAreSelectableByName() throws {
        let drug = try library.load("baclofen")
        let marsot = try drug.requireModel(named: "marsot2014")
        #expect(marsot.parameter(named: "KA")?.typicalValue == 4.6)
        #expect(marsot.parameter(named: "CL")?.typicalValue == 9.9)
        #expect(abs((marsot.parameter(named: "CL")?.iivCVPercent ?? 0) - 56) < 1e-9)
        #expect(marsot.parameter(named: "V")?.typicalValue == 80.7)
        let chevillard = try drug.requireModel(named: "chevillard2018")
        #expect(chevillard.parameter(named: "KA")?.typicalValue == 2.23)
        #expect(chevillard.parameter(named: "CL")?.typicalValue == 8.0)
        #expect(abs((chevillard.parameter(named: "V")?.iivCVPercent ?? 0) - 86) < 1e-9)
        #expect(throws: ScenarioIssues.self) { try drug.requireModel(named: "marsot2015") }
        do {
            _ = try drug.requireModel(named: "marsot2015")
        } catch {
            #expect(error.issues.first?.fix.contains("Did you mean 'marsot2014'?") == true)
        }
    }

    @Test func baclofenDefaultRegimenTitratesToTenMgThreeTimesDaily() throws {
        let regimen = try library.load("baclofen").regimen
        #expect(regimen.doseTimesH == [8, 14, 20])
        #expect(regimen.cap == DailyDoseCap(maxMgPerDay: 100))
        #expect(regimen.tablets == TabletStrengths(strengthsMg: [10, 25], smallestScored: true, maxTabletsPerDose: 8))
        #expect(regimen.discontinuation == .linear(days: 14))
        let schedule = RegimenSchedule(regimen: regimen, horizonDays: 10)
        let state = schedule.makeState(creatinineClearanceMLPerMin: 100)
        #expect(schedule.doses(day: 0, state: state) == doses([5, 5, 5]))
        #expect(schedule.doses(day: 3, state: state) == doses([10, 10, 10]))
    }

    @Test func renalRulesLoadFromTheLibrary() throws {
        let vigabatrin = RegimenSchedule(regimen: try library.load("vigabatrin").regimen, horizonDays: 30)
        let moderate = vigabatrin.makeState(creatinineClearanceMLPerMin: 40)
        #expect(vigabatrin.dailyDoseMg(day: 20, state: moderate) == 1500)
        let acamprosate = RegimenSchedule(regimen: try library.load("acamprosate").regimen, horizonDays: 1)
        #expect(acamprosate.makeState(creatinineClearanceMLPerMin: 25).isContraindicated)
        #expect(acamprosate.dailyDoseMg(day: 0, state: acamprosate.makeState(creatinineClearanceMLPerMin: 45)) == 999)
    }

    @Test func metaboliteParametersJoinTheParameterModel() throws {
        let model = try library.load("diazepam").requireModel(named: nil)
        #expect(model.metabolite?.name == "nordazepam")
        let parameters = model.parameterModel()
        #expect(parameters.parameters.map(\.name) == ["KA", "CL", "V", "F", "FM", "CLM", "VM"])
        #expect(parameters.etaNames == ["KA", "CL", "V", "CLM"])
    }

    @Test func loadingByPathWorks() throws {
        let drug = try DrugLibrary.load(path: library.path(ofDrug: "methadone"))
        #expect(drug.name == "methadone")
        #expect(try library.load(library.path(ofDrug: "naltrexone")).name == "naltrexone")
    }

    @Test func unknownDrugNameSuggestsTheClosest() {
        do {
            _ = try library.load("baclofne")
            Issue.record("expected an error")
        } catch {
            #expect(error.issues.count == 1)
            #expect(error.issues.first?.fix.contains("Did you mean 'baclofen'?") == true)
        }
    }

    @Test func commandLineOverridesReplaceTypicalValues() throws {
        let model = try library.load("baclofen").requireModel(named: nil)
        let override = try #require(DrugModelDefinition.parseOverride("CL=5"))
        let changed = try model.overridingTypicalValues([override])
        #expect(changed.parameter(named: "CL")?.typicalValue == 5)
        #expect(changed.parameter(named: "V")?.typicalValue == 72.8)
        do {
            _ = try model.overridingTypicalValues([("CLL", 5), ("V", -1)])
            Issue.record("expected an error")
        } catch {
            #expect(error.issues.map(\.keyPath) == ["CLL", "V"])
            #expect(error.issues[0].fix.contains("Did you mean 'CL'?"))
            #expect(error.issues[1].problem == "must be in (0, 1000000] (found -1)")
        }
        #expect(DrugModelDefinition.parseOverride("CL") == nil)
    }
}
