/// Small state-transition files for tests of blocks that sit beside a model (psa, sweep).
enum StateTransitionFixtures {
    /// A two-state model (well, dead; 5 annual cycles; one strategy) on lines 1–8, then `tail`
    /// from line 9: a test's block, whose problems are reported on their lines.
    static func wellDead(_ tail: String) -> String {
        """
        name: fixture
        states:
          well: {cost_per_year: 100, utility: 1}
          dead: {dead: true}
        cycle: {length_years: 1, count: 5}
        transitions:
          - {from: well, to: dead, probability: 0.1}
        strategies: {usual: {}}

        """ + tail
    }
}
