import Foundation
import Testing
@testable import Baclosim

/// EVPPI by regression (Strong, Oakley & Brennan 2014) against a closed form and the EVPI.
@Suite struct PartialPerfectInformationTests {
    /// Two strategies whose net-benefit difference is x₁ ~ N(0, 1) at every λ; x₂ is drawn but
    /// plays no part. EVPI = E[max(0, x₁)] = 1/√(2π) ≈ 0.399 (here its sample value over the
    /// draws); knowing x₁ is worth all of it, knowing x₂ nothing.
    @Test func aRelevantAndAnIrrelevantParameter() throws {
        let draws = 4_000
        var sampler = GSLSampler(key: StreamKey(seed: 9, subject: 0, purpose: .psaParameters), day: 0)
        var values: [[Double]] = [], costs: [[Double]] = [], effects: [[Double]] = []
        for _ in 0..<draws {
            let x1 = sampler.normal(mean: 0, sd: 1), x2 = sampler.normal(mean: 0, sd: 1)
            values.append([x1, x2])
            costs.append([0, -x1])
            effects.append([0, 0])
        }
        let sampleEVPI = costs.map { max(0, -$0[1]) }.reduce(0, +) / Double(draws) - max(0, costs.map { -$0[1] }.reduce(0, +) / Double(draws))
        #expect(abs(sampleEVPI - 1 / (2 * Double.pi).squareRoot()) < 4 * 0.0093)
        let lambdas = [0.0, 1_000]
        let relevant = try PartialPerfectInformation.evppi(values: values, group: [0], costs: costs, effects: effects, willingnessToPay: lambdas)
        let irrelevant = try PartialPerfectInformation.evppi(values: values, group: [1], costs: costs, effects: effects, willingnessToPay: lambdas)
        let both = try PartialPerfectInformation.evppi(values: values, group: [0, 1], costs: costs, effects: effects, willingnessToPay: lambdas)
        for i in lambdas.indices {
            #expect(abs(relevant[i] - sampleEVPI) < 0.01, "\(relevant[i]) vs \(sampleEVPI)")
            #expect(abs(both[i] - sampleEVPI) < 0.01)
            #expect(irrelevant[i] < 0.02, "\(irrelevant[i])")
        }
    }

    /// A Dirichlet's proportions form one group, less the last; `all` closes the list.
    @Test func groupsFollowTheValueNames() {
        let groups = PartialPerfectInformation.groups(valueNames: ["a", "b[0]", "b[1]", "b[2]", "c.d"])
        #expect(groups.map(\.name) == ["a", "b", "c.d", "all"])
        #expect(groups.map(\.columns) == [[0], [1, 2], [4], [0, 1, 2, 4]])
    }

    @Test func tooFewDrawsIsAnError() {
        let values = (0..<10).map { [Double($0), Double($0 * $0 % 7)] }
        #expect(throws: PartialPerfectInformation.Failure.self) {
            try PartialPerfectInformation.evppi(values: values, group: [0, 1], costs: values.map { [$0[0], 0] },
                                                effects: values.map { [0, $0[1]] }, willingnessToPay: [1])
        }
    }

    /// The Chancellor model's PSA: the EVPPI of all parameters together matches the EVPI within
    /// the metamodel's error, and no group is worth more than all of them.
    @Test func chancellorAllParametersMatchTheEVPI() throws {
        let path = TextbookModelTests.folder + "/chancellor-hiv.yaml"
        let model = try StateTransitionModel.load(path: path)
        let result = try StateTransitionPSA.run(model: model, draws: 1000, threads: 2)
        let report = try StateTransitionPSAReport(model: model, result: result, deterministic: try CohortTrace(model: model), file: path)
        let lambdas = model.psa!.willingnessToPay
        let evpi = report.summary.expectedValueOfPerfectInformation(willingnessToPay: lambdas).map(\.evpi)
        let partial = report.evppi
        let all = try #require(partial.first { $0.group == "all" }?.values)
        for (i, lambda) in lambdas.enumerated() where evpi[i] > 50 {
            #expect(abs(all[i] - evpi[i]) < 0.1 * evpi[i], "λ \(lambda): EVPPI(all) \(all[i]) vs EVPI \(evpi[i])")
            for (group, values) in partial where group != "all" {
                #expect((values?[i] ?? 0) <= all[i] * 1.05 + 1, "\(group) at λ \(lambda)")
            }
        }
        // The relative risk of combination therapy is worth knowing where the decision is close.
        let rr = try #require(partial.first { $0.group == "strategies.combination.transitions[0].relative_risk" }?.values)
        let close = try #require(lambdas.firstIndex(of: 7_500))
        #expect(rr[close] > 0.1 * evpi[close])
    }
}
