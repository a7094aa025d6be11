/// Drug amounts (mg) in the compartments of a linear PK model at one instant.
///
/// Compartments a model does not have stay at 0. Concentrations are amounts over volumes and
/// are computed by `LinearPKModel`.
public struct LinearPKState: Sendable, Hashable {
    /// Amount in the gut (absorption) depot (mg).
    public var gutMg: Double
    /// Amount in the central compartment (mg).
    public var centralMg: Double
    /// Amount in the peripheral compartment of a 2-cmt model (mg).
    public var peripheralMg: Double
    /// Amount in the metabolite compartment (mg of metabolite, mass-equivalent to the parent).
    public var metaboliteMg: Double

    /// Creates a state from compartment amounts (mg).
    public init(gutMg: Double = 0, centralMg: Double = 0, peripheralMg: Double = 0, metaboliteMg: Double = 0) {
        self.gutMg = gutMg
        self.centralMg = centralMg
        self.peripheralMg = peripheralMg
        self.metaboliteMg = metaboliteMg
    }

    /// No drug anywhere: the state of a drug-naive subject.
    public static let empty = LinearPKState()

    /// Total amount of parent still in the body or gut (mg); used for mass-balance checks.
    var parentMg: Double { gutMg + centralMg + peripheralMg }

    /// True when no amount is negative beyond rounding (`tolerance` mg), for debug invariants.
    func isNonNegative(tolerance: Double = 1e-9) -> Bool {
        gutMg >= -tolerance && centralMg >= -tolerance && peripheralMg >= -tolerance && metaboliteMg >= -tolerance
    }
}
