extension PSASummary {
    /// `ceac.csv`: wtp, arm, probability the arm is optimal, and 1 on the acceptability frontier.
    public func acceptabilityCSV(willingnessToPay values: [Double]) -> String {
        var text = "wtp,arm,probability_optimal,optimal_on_expectation\n"
        for point in acceptability(willingnessToPay: values) {
            text += [CSVNumber.format(point.willingnessToPay), CSVField.escaped(point.arm),
                     CSVNumber.format(point.probabilityOptimal), point.isOptimalOnExpectation ? "1" : "0"]
                .joined(separator: ",") + "\n"
        }
        return text
    }

    /// `evpi.csv`: wtp, EVPI per subject, arm with the highest expected NMB.
    public func evpiCSV(willingnessToPay values: [Double]) -> String {
        var text = "wtp,evpi,optimal_arm\n"
        for point in expectedValueOfPerfectInformation(willingnessToPay: values) {
            text += [CSVNumber.format(point.willingnessToPay), CSVNumber.format(point.evpi),
                     CSVField.escaped(point.optimalArm)].joined(separator: ",") + "\n"
        }
        return text
    }

    /// `ce_plane.csv`: draw, arm, incremental cost and QALYs against `referenceArm`.
    public func costEffectivenessPlaneCSV(referenceArm: Int) -> String {
        var text = "draw,arm,inc_cost,inc_qalys\n"
        for point in costEffectivenessPlane(referenceArm: referenceArm) {
            text += ["\(point.draw)", CSVField.escaped(point.arm), CSVNumber.format(point.incrementalCost),
                     CSVNumber.format(point.incrementalQALYs)].joined(separator: ",") + "\n"
        }
        return text
    }
}
