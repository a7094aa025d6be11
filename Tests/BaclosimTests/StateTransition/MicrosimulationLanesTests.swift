import Foundation
import Testing
@testable import Baclosim

/// The lane kernel of the microsimulation against the plain walk of one subject at a time
/// (``ScalarStateWalk``, the scalar generator): the same sums bit for bit and the same occupancy,
/// for a model with every feature a lane touches (cost parts, strategy cost windows, a tunnel,
/// entry rewards, rate and entry events, life-table moves, modifier windows), for a block that
/// is not a multiple of the vector width, away from subject 0, and in another stream copy.
@Suite struct MicrosimulationLanesTests {
    static let text = """
    name: lanes
    states:
      healthy: {costs_per_year: {medical: 100, community: 30}, utility: 1}
      sick: {costs_per_year: {medical: 1000}, utility: 0.6, tunnel_cycles: 3, entry_cost: 50, entry_qalys: -0.02}
      worse: {cost_per_year: 3000, utility: 0.4}
      dead: {dead: true, entry_cost: 900}
    cycle: {length_years: 0.5, count: 40}
    start_age_years: 60
    life_table: {band_start_ages_years: [0, 65, 75, 85], annual_death_probabilities: [0.01, 0.02, 0.05, 0.15]}
    rewards: half_cycle
    transitions:
      - {from: healthy, to: sick, probability: 0.2}
      - {from: healthy, to: dead, life_table: true}
      - {from: sick, to: dead, probabilities_by_time_in_state: [0.1, 0.05, 0.02]}
      - {from: sick, to: healthy, probability: 0.25}
      - {from: sick, to: worse, rate_per_year: 0.3}
      - {from: worse, to: dead, life_table: true, hazard_ratio: 2.5}
    events:
      illnesses: {on_entering: [sick]}
      admissions: {rates_per_year: {sick: 0.4, worse: 1.2}}
      deaths: {on_entering: [dead]}
    strategies:
      usual: {}
      drug:
        costs: [{name: drug, per_year: 2000, states: [sick, worse], first_cycle: 3, last_cycle: 20}]
        transitions: [{from: [sick], to: [worse], hazard_ratio: 0.6, first_cycle: 2, last_cycle: 30}]
        utilities: {worse: 0.5}
    """

    @Test(arguments: [(first: 0, count: 37, slot: UInt32(0)), (first: 1_000, count: 64, slot: 0), (first: 5, count: 9, slot: 3)])
    func lanesEqualTheWalkOfEachSubject(first: Int, count: Int, slot: UInt32) throws {
        let model = try StateTransitionModel.decode(yaml: Self.text, file: "lanes.yaml")
        let lanes = try MicrosimulationLanes(model: model, seed: 11)
        let n = model.states.count, cells = model.strategies.count * (model.cycleCount + 1) * n
        var workspace = MicrosimulationLanes.Workspace(lanes, capacity: 64)
        var sums = MicrosimulationSums(strategyCount: model.strategies.count, valuesPerStrategy: lanes.valuesPerStrategy)
        var occupancy = [UInt32](repeating: 0, count: cells)
        occupancy.withUnsafeMutableBufferPointer { buffer in
            lanes.simulate(first: first, count: count, slot: slot, workspace: &workspace, into: &sums, occupancy: buffer)
        }

        let walk = ScalarStateWalk(model: model, tables: lanes.tables,
                                   matrices: try model.strategies.map { try TransitionMatrices(model: model, strategy: $0) },
                                   valuesPerStrategy: lanes.valuesPerStrategy, eventBase: lanes.eventBase, seed: 11, slot: slot)
        var expected = MicrosimulationSums(strategyCount: model.strategies.count, valuesPerStrategy: lanes.valuesPerStrategy)
        var expectedOccupancy = [UInt32](repeating: 0, count: cells)
        var values = [Double](repeating: 0, count: model.strategies.count * lanes.valuesPerStrategy)
        var path = [Int](repeating: 0, count: model.strategies.count * (model.cycleCount + 1))
        for subject in first..<(first + count) {
            walk.simulate(subject: UInt64(subject), values: &values, path: &path)
            values.withUnsafeBufferPointer { expected.add(values: $0) }
            for (cell, state) in path.enumerated() { expectedOccupancy[cell * n + state] += 1 }
        }
        #expect(sums.subjects == count)
        #expect(sums.sums.map(\.bitPattern) == expected.sums.map(\.bitPattern))
        #expect(sums.pairSums.map(\.bitPattern) == expected.pairSums.map(\.bitPattern))
        #expect(occupancy == expectedOccupancy)
        // Events, entry rewards and the drug's window are reached: their sums are not zero.
        #expect(expected.sums.filter { $0 != 0 }.count > expected.sums.count / 2)
    }

    /// Another stream copy gives other subjects: the sums differ.
    @Test func slotsAreIndependentCopies() throws {
        let model = try StateTransitionModel.decode(yaml: Self.text, file: "lanes.yaml")
        let lanes = try MicrosimulationLanes(model: model, seed: 11)
        var workspace = MicrosimulationLanes.Workspace(lanes, capacity: 50)
        var a = MicrosimulationSums(strategyCount: 2, valuesPerStrategy: lanes.valuesPerStrategy), b = a
        lanes.simulate(first: 0, count: 50, slot: 0, workspace: &workspace, into: &a, occupancy: nil)
        lanes.simulate(first: 0, count: 50, slot: 1, workspace: &workspace, into: &b, occupancy: nil)
        #expect(a.sums != b.sums)
    }
}
