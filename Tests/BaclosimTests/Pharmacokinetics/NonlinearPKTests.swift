import Foundation
import CGSL
import Testing
@testable import Baclosim

/// Michaelis–Menten elimination and saturable absorption, solved by GSL.
@Suite("Nonlinear PK (GSL ODE)")
struct NonlinearPKTests {
    static let doses = dailyOralDoses(amountMg: 100, clockTimesH: [8, 20], days: 3)
    static let times = grid(from: 0, to: 72, step: 0.5)

    @Test func michaelisMentenWithLargeKmMatchesLinearClearance() throws {
        // With Km ≫ C, Vmax·C/(Km + C) = (Vmax/Km)·C·(1 − C/Km + …): linear with CL = Vmax/Km·V
        // (here in amount terms CL = Vmax/Km L/h), to relative order Cmax/Km.
        let km = 1e4, clearance = 5.0
        let linear = LinearPKParameters(clearanceLPerH: clearance, centralVolumeL: 100, absorptionRatePerH: 1)
        var zeroLinearCL = linear
        zeroLinearCL.clearanceLPerH = 0
        let system = PKODESystem(linear: zeroLinearCL, michaelisMenten: MichaelisMentenElimination(vmaxMgPerH: clearance * km, kmMgPerL: km))
        let saturable = try PKODESolver(system: system).concentrations(at: Self.times, doses: Self.doses)
        let exact = try LinearPKModel(linear).concentrations(at: Self.times, doses: Self.doses)
        let cmax = try #require(exact.max())
        #expect(maxRelativeDifference(saturable, exact) < 10 * cmax / km)
        // And the saturable model is the slower eliminator (C/(Km + C) < C/Km).
        #expect(zip(saturable, exact).allSatisfy { $0 >= $1 * (1 - 1e-9) })
    }

    @Test func saturableAbsorptionWithLargeKmMatchesFirstOrderAbsorption() throws {
        let km = 1e6, ka = 1.2
        let linear = LinearPKParameters(clearanceLPerH: 5, centralVolumeL: 100, absorptionRatePerH: ka)
        let system = PKODESystem(linear: linear, saturableAbsorption: SaturableAbsorption(vmaxMgPerH: ka * km, kmMg: km))
        let saturable = try PKODESolver(system: system).concentrations(at: Self.times, doses: Self.doses)
        let exact = try LinearPKModel(linear).concentrations(at: Self.times, doses: Self.doses)
        #expect(maxRelativeDifference(saturable, exact) < 1e-3)
    }

    @Test func saturatedEliminationKeepsAmountsNonNegativeAndIsLessThanDoseProportional() throws {
        // Vmax 20 mg/h, Km 0.5 mg/L (concentrations reach several mg/L): strongly saturated.
        let linear = LinearPKParameters(clearanceLPerH: 0, centralVolumeL: 50, interCompartmentalClearanceLPerH: 10, peripheralVolumeL: 80,
                                        absorptionRatePerH: 1.5,
                                        metabolite: MetaboliteParameters(fractionMetabolized: 0.7, clearanceLPerH: 3, volumeL: 40))
        let system = PKODESystem(linear: linear, michaelisMenten: MichaelisMentenElimination(vmaxMgPerH: 20, kmMgPerL: 0.5))
        let solver = try PKODESolver(system: system)
        var dosedMg = 0.0
        for day in 0..<4 {
            let doses = dailyOralDoses(amountMg: 200, clockTimesH: [8, 20], days: 4)
            let exposure = try solver.advance(fromH: 24 * Double(day), toH: 24 * Double(day + 1), doses: doses)
            dosedMg += 400
            let s = solver.state
            #expect(s.isNonNegative(tolerance: 1e-9))
            #expect(s.parentMg <= dosedMg)
            #expect(exposure.cminMgPerL >= 0)
        }
        // Mass balance: metabolite formed ≤ fm × parent eliminated ≤ fm × dosed.
        #expect(solver.state.metaboliteMg <= 0.7 * (dosedMg - solver.state.parentMg))

        // Saturation: doubling the dose more than doubles the AUC.
        let single = [DoseEvent(timeH: 0, amountMg: 200)]
        let double = [DoseEvent(timeH: 0, amountMg: 400)]
        let low = try PKODESolver(system: system)
        let high = try PKODESolver(system: system)
        let aucLow = try low.advance(fromH: 0, toH: 200, doses: single, outputStepH: 0.5).aucMgHPerL
        let aucHigh = try high.advance(fromH: 0, toH: 200, doses: double, outputStepH: 0.5).aucMgHPerL
        #expect(aucHigh > 2.2 * aucLow)
    }

    @Test func stiffSolverAgreesWithExplicitSolver() throws {
        let linear = LinearPKParameters(clearanceLPerH: 2, centralVolumeL: 40, absorptionRatePerH: 2)
        let system = PKODESystem(linear: linear, michaelisMenten: MichaelisMentenElimination(vmaxMgPerH: 10, kmMgPerL: 1),
                                 saturableAbsorption: SaturableAbsorption(vmaxMgPerH: 100, kmMg: 50))
        let explicit = try PKODESolver(system: system, method: .rk8pd).concentrations(at: Self.times, doses: Self.doses)
        let implicit = try PKODESolver(system: system, method: .msbdf, absoluteTolerance: 1e-12, relativeTolerance: 1e-10)
            .concentrations(at: Self.times, doses: Self.doses)
        #expect(maxRelativeDifference(explicit, implicit) < 1e-6)
    }

    @Test func solverFailureBecomesTypedError() throws {
        // Three steps cannot cover 24 h at this tolerance: GSL returns GSL_EMAXITER, which must
        // surface as a Swift error (GSL's aborting handler is off), not a crash.
        let system = PKODESystem(linear: LinearPKParameters(clearanceLPerH: 5, centralVolumeL: 100, absorptionRatePerH: 1))
        let solver = try PKODESolver(system: system, maximumStepsPerPiece: 3)
        #expect(throws: PKError.odeFailure(status: Int32(GSL_EMAXITER))) {
            try solver.concentrations(at: [24], doses: [DoseEvent(timeH: 0, amountMg: 100)])
        }
    }

    @Test func invalidNonlinearParametersAreReported() {
        var linear = LinearPKParameters(clearanceLPerH: 0, centralVolumeL: 100, absorptionRatePerH: 1)
        #expect(PKODESystem(linear: linear).validate().map(\.keyPath) == ["clearance_L_per_h"])
        #expect(PKODESystem(linear: linear, michaelisMenten: .init(vmaxMgPerH: 10, kmMgPerL: 1)).validate().isEmpty)
        linear.clearanceLPerH = 5
        let problems = PKODESystem(linear: linear, michaelisMenten: .init(vmaxMgPerH: -1, kmMgPerL: 0)).validate().map(\.keyPath)
        #expect(problems == ["michaelis_menten.vmax_mg_per_h", "michaelis_menten.km_mg_per_L"])
        #expect(throws: PKError.self) { try PKODESolver(system: PKODESystem(linear: linear, saturableAbsorption: .init(vmaxMgPerH: 0, kmMg: 1))) }
    }
}
