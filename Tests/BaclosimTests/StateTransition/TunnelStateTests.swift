import Foundation
import Testing
@testable import Baclosim

/// Tunnel states: moves that depend on time in state, against the expanded chain written out by
/// hand, and a tunnel with constant moves against the same model without one.
@Suite struct TunnelStateTests {
    /// Healthy → sick with p = 0.3; sick has a tunnel of 3 cycles and dies with p = 0.1, 0.2 and
    /// then 0.4 in its 1st, 2nd and 3rd-or-later cycle there, and recovers with p = 0.25 (the
    /// same in every cycle; recovery re-enters the tunnel at its start after a new illness).
    static let text = """
    name: tunnel
    states:
      healthy: {cost_per_year: 100, utility: 1}
      sick: {cost_per_year: 1000, utility: 0.6, tunnel_cycles: 3, entry_cost: 50}
      dead: {dead: true}
    cycle: {length_years: 1, count: 12}
    rewards: start
    transitions:
      - {from: healthy, to: sick, probability: 0.3}
      - {from: sick, to: dead, probabilities_by_time_in_state: [0.1, 0.2, 0.4]}
      - {from: sick, to: healthy, probability: 0.25}
    events:
      illnesses: {on_entering: [sick]}
    strategies: {usual: {}}
    """

    @Test func timeInStateFollowsTheExpandedChain() throws {
        let model = try StateTransitionModel.decode(yaml: Self.text, file: "tunnel.yaml")
        #expect(model.states.map(\.name) == ["healthy", "sick_1", "sick_2", "sick_3", "dead"])
        #expect(model.stayTarget == [0, 2, 3, 3, 4])
        let cohort = try CohortTrace(model: model)
        // The chain by hand: states H, S1, S2, S3, D.
        let death = [0.1, 0.2, 0.4]
        var m = [1.0, 0, 0, 0, 0]
        var cost = 0.0, qalys = 0.0, illnesses = 0.0, entryCost = 0.0
        for t in 0...12 {
            for (i, share) in m.enumerated() { #expect(abs(cohort.occupancy[0][t][i] - share) < 1e-14, "t=\(t) state \(i)") }
            if t == 12 { break }
            cost += m[0] * 100 + (m[1] + m[2] + m[3]) * 1000
            qalys += m[0] + 0.6 * (m[1] + m[2] + m[3])
            var next = [Double](repeating: 0, count: 5)
            next[0] += m[0] * 0.7
            next[1] += m[0] * 0.3
            illnesses += m[0] * 0.3
            entryCost += m[0] * 0.3 * 50
            for j in 0..<3 {
                let s = m[1 + j]
                next[4] += s * death[j]
                next[0] += s * 0.25
                next[min(1 + j + 1, 3)] += s * (1 - death[j] - 0.25)
            }
            next[4] += m[4]
            m = next
        }
        let o = cohort.outcomes[0]
        #expect(abs(o.cost - (cost + entryCost)) < 1e-9)
        #expect(abs(o.qalys - qalys) < 1e-12)
        #expect(abs(o.events[0] - illnesses) < 1e-12)
        // The microsimulation walks the same chain.
        let micro = try StateTransitionMicrosimulation.run(model: model, subjects: 20_000, seed: 4, threads: 2)
        #expect(abs(micro.outcomes[0].cost - o.cost) < 3 * micro.standardErrors[0].cost)
        #expect(abs(micro.outcomes[0].events[0] - o.events[0]) < 3 * micro.eventStandardErrors[0][0])
    }

    /// A tunnel whose moves do not depend on time in state changes nothing but the trace's columns.
    @Test func aTunnelWithConstantMovesChangesNothing() throws {
        let constant = Self.text.replacingOccurrences(of: "probabilities_by_time_in_state: [0.1, 0.2, 0.4]", with: "probability: 0.2")
        let tunnel = try CohortTrace(model: StateTransitionModel.decode(yaml: constant, file: "a.yaml")).outcomes[0]
        let plain = try CohortTrace(model: StateTransitionModel.decode(
            yaml: constant.replacingOccurrences(of: ", tunnel_cycles: 3", with: ""), file: "b.yaml")).outcomes[0]
        #expect(abs(tunnel.cost - plain.cost) < 1e-9 * plain.cost)
        #expect(abs(tunnel.qalys - plain.qalys) < 1e-12 * plain.qalys)
        #expect(abs(tunnel.events[0] - plain.events[0]) < 1e-12)
    }

    @Test func timeInStateNeedsATunnelOfEnoughCycles() {
        let tooMany = Self.text.replacingOccurrences(of: "[0.1, 0.2, 0.4]", with: "[0.1, 0.2, 0.4, 0.5]")
        let noTunnel = Self.text.replacingOccurrences(of: ", tunnel_cycles: 3", with: "")
        for (text, words) in [(tooMany, "has 4 values; sick counts 3 cycles"), (noTunnel, "sick is not a tunnel state")] {
            do {
                _ = try StateTransitionModel.decode(yaml: text, file: "t.yaml")
                Issue.record("accepted: \(words)")
            } catch {
                #expect(error.issues.contains { $0.keyPath == "transitions[1].probabilities_by_time_in_state" && $0.problem.contains(words) },
                        "\(error.issues.map(\.problem))")
            }
        }
    }
}

/// `validate --warnings` on a tunnel model names the file's keys (the tunnel state and the
/// file's index of each move), not the expanded cycles.
@Suite struct TunnelStateWarningTests {
    @Test func warningsNameTheFilesKeys() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tunnel-warnings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("t.yaml").path
        try """
        name: island_tunnel
        states:
          well: {cost_per_year: 10, utility: 1}
          island: {cost_per_year: 99, utility: 0.3, tunnel_cycles: 3}
          dead: {dead: true}
        cycle: {length_years: 1, count: 6}
        transitions:
          - {from: well, to: dead, probability: 0.1}
          - {from: island, to: dead, probabilities_by_time_in_state: [0.1, 0.2]}
        strategies: {usual: {}}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let named = try StateTransitionModel.inputWarnings(path: path).map { "\($0.line ?? 0) \($0.keyPath)" }
        #expect(named.contains("4 states.island.cost_per_year"), "\(named)")
        #expect(named.contains("9 transitions[1].probabilities_by_time_in_state"), "\(named)")
        #expect(!named.contains { $0.contains("transitions[0]") || $0.contains("island_") }, "\(named)")
    }
}
