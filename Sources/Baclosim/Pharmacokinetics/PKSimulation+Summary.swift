import Foundation

/// Exposure of one subject in a ``PKSimulation``: exact Cmax, Tmax and AUC over the output
/// window, and the average concentration once the regimen is at steady state.
public struct PKExposureSummary: Sendable, Equatable {
    /// How ``averageMgPerL`` was obtained.
    public enum AverageBasis: Sendable, Equatable {
        /// The exact steady state of a dose every `intervalH` hours: AUCτ/τ (for the parent,
        /// F·dose/(CL·τ)).
        case steadyState(intervalH: Double)
        /// AUC over the last simulated day of a schedule / 24 h; `day` is 0-based.
        case lastDay(day: Int)
    }

    /// Start of the output window, its first output time (h).
    public var windowStartH: Double
    /// End of the output window, its last output time (h).
    public var windowEndH: Double
    /// Highest concentration in the window (mg/L), found exactly (interior peaks included).
    public var cmaxMgPerL: Double
    /// Time of Cmax (h from time 0).
    public var tmaxH: Double
    /// ∫ C dt over the window (mg·h/L).
    public var aucMgHPerL: Double
    /// Average concentration at steady state (mg/L), or `nil` for a single dose.
    public var averageMgPerL: Double?
    /// How the average was found, or `nil` with no average.
    public var averageBasis: AverageBasis?

    /// One line for the terminal, e.g. `baclofen/simon2018, typical subject: Cmax 0.148 mg/L at
    /// 68.9 h; AUC(0–72 h) 7.18 mg·h/L; Cavg over the last day (48–72 h) 0.0996 mg/L`.
    public func line(label: String, subject: String = "typical subject") -> String {
        var text = "\(label), \(subject): Cmax \(Self.format(cmaxMgPerL)) mg/L at \(Self.format(tmaxH)) h; "
            + "AUC(\(Self.format(windowStartH))–\(Self.format(windowEndH)) h) \(Self.format(aucMgHPerL)) mg·h/L; "
        switch (averageBasis, averageMgPerL) {
        case (.steadyState?, let average?):
            text += "Cavg at steady state \(Self.format(average)) mg/L"
        case (.lastDay(let day)?, let average?):
            text += "Cavg over the last day (\(Self.format(Double(day) * 24))–\(Self.format(Double(day + 1) * 24)) h) "
                + "\(Self.format(average)) mg/L"
        default:
            text += "Cavg at steady state: none (single dose)"
        }
        return text
    }

    /// Six significant digits: enough to compare with published values, short enough to read.
    static func format(_ value: Double) -> String {
        String(format: "%.6g", value)
    }
}

extension PKSimulation {
    /// The typical subject's exposure: exact Cmax, Tmax and AUC over the output window; the
    /// average at steady state from the exact closed form for a regular regimen
    /// (``LinearPKModel/steadyState(doseMg:intervalH:route:analyte:)``), or over the last day
    /// of a schedule.
    public func typicalSummary() throws(PKSimulationError) -> PKExposureSummary {
        let subject = try typicalSubject()
        let window = windowH
        let plan = try regimen.plan(for: subject, windowEndH: window.upperBound, covariates: covariates, label: model.label)
        var summary = PKExposureSummary(windowStartH: window.lowerBound, windowEndH: window.upperBound,
                                        cmaxMgPerL: 0, tmaxH: window.lowerBound, aucMgHPerL: 0)
        if window.upperBound > window.lowerBound {
            let run = subject.run(from: plan.state, doses: plan.doses, outputsH: [],
                                  window: window.lowerBound..<window.upperBound)
            if let exposure = run.exposure {
                summary.cmaxMgPerL = exposure.cmaxMgPerL
                summary.tmaxH = window.lowerBound + exposure.tmaxH
                summary.aucMgHPerL = exposure.aucMgHPerL
            }
            // The half-open window leaves out its end point; an IV bolus there can be the peak.
            let end = subject.run(from: plan.state, doses: plan.doses, outputsH: [window.upperBound], window: nil)
            if let last = end.concentrations.first, last > summary.cmaxMgPerL {
                summary.cmaxMgPerL = last
                summary.tmaxH = window.upperBound
            }
        } else {
            let point = subject.run(from: plan.state, doses: plan.doses, outputsH: [window.lowerBound], window: nil)
            summary.cmaxMgPerL = point.concentrations.first ?? 0
        }

        switch regimen {
        case .regular(let doseMg, let intervalH?, _, _):
            if let steady = try? subject.model.steadyState(doseMg: doseMg, intervalH: intervalH, route: subject.route) {
                summary.averageMgPerL = steady.cavgMgPerL
                summary.averageBasis = .steadyState(intervalH: intervalH)
            }
        case .regular:
            break
        case .schedule(_, let days) where days > 0:
            let lastDay = Double(days - 1) * 24
            let run = subject.run(from: plan.state, doses: plan.doses, outputsH: [], window: lastDay..<(lastDay + 24))
            summary.averageMgPerL = run.exposure?.cavgMgPerL
            summary.averageBasis = .lastDay(day: days - 1)
        case .schedule:
            break
        }
        return summary
    }
}
