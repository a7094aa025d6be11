@preconcurrency import CGSL
import Foundation
import Testing
@testable import Baclosim

/// Parameters of the inactivation ODE passed to GSL: r (/h) for the current piece and kdeg (/h).
private struct InactivationODEParameters {
    var ratePerH: Double
    var kdegPerH: Double
}

/// dI/dt = r(1 − I) − kdeg·I, as a C-callable right-hand side for `gsl_odeiv2_system`.
private func inactivationRightHandSide(_ t: Double, _ y: UnsafePointer<Double>?, _ dydt: UnsafeMutablePointer<Double>?,
                                       _ params: UnsafeMutableRawPointer?) -> Int32 {
    guard let y, let dydt, let params else { return Int32(GSL_EBADFUNC) }
    let p = params.assumingMemoryBound(to: InactivationODEParameters.self).pointee
    dydt[0] = p.ratePerH * (1 - y[0]) - p.kdegPerH * y[0]
    return Int32(GSL_SUCCESS)
}

/// `EnzymeInactivation`'s exact daily update against GSL's adaptive RK8(9) solver
/// (`gsl_odeiv2`, tolerance 1e-12) on a 10-week course: 6 weeks of daily Cavg values rising over a
/// titration, then 4 weeks without drug (the solver is restarted at each day's discontinuity).
@Suite struct EnzymeInactivationGSLTests {
    @Test func dailyUpdateAgreesWithGSLsODESolver() throws {
        GSL.configure()
        let model = EnzymeInactivation(kinactPerH: 0.1, kiMgPerL: 50, kdegPerH: 0.0096)
        func cavg(_ day: Int) -> Double { day < 7 ? 4.7 : day < 14 ? 9.4 : day < 42 ? 14 + 2 * sin(Double(day)) : 0 }
        let parameters = UnsafeMutablePointer<InactivationODEParameters>.allocate(capacity: 1)
        parameters.initialize(to: InactivationODEParameters(ratePerH: 0, kdegPerH: model.kdegPerH))
        defer { parameters.deallocate() }
        var system = gsl_odeiv2_system(function: inactivationRightHandSide, jacobian: nil, dimension: 1,
                                       params: UnsafeMutableRawPointer(parameters))
        let driver = try #require(gsl_odeiv2_driver_alloc_y_new(&system, cgsl_step_rk8pd(), 1e-3, 1e-12, 1e-12))
        defer { gsl_odeiv2_driver_free(driver) }
        var y = [0.0]
        var exact = 0.0
        var largest = 0.0
        var atStop = 0.0
        for day in 0..<70 {
            parameters.pointee.ratePerH = model.inactivationRatePerH(concentrationMgPerL: cavg(day))
            gsl_odeiv2_driver_reset(driver)
            var t = Double(day) * 24
            let status = gsl_odeiv2_driver_apply(driver, &t, Double(day + 1) * 24, &y)
            #expect(status == GSL_SUCCESS)
            exact = model.advance(from: exact, concentrationMgPerL: cavg(day)).end
            largest = max(largest, abs(exact - y[0]))
            if day == 41 { atStop = exact }
        }
        #expect(largest < 1e-9)
        // Near the steady state at the stop; then pure recovery I(0)·e^{−kdeg·t} over 28 days.
        #expect(abs(atStop - model.steadyStateFraction(concentrationMgPerL: 14)) < 0.05)
        #expect(abs(exact - atStop * exp(-model.kdegPerH * 24 * 28)) <= 1e-12)
    }
}
