/// The dose amounts of one day, one per dose time (slot), in fixed inline storage so that filling
/// it on the hot path never allocates. Holds up to ``Regimen/maximumDosesPerDay`` slots.
public struct DailyDoses: Sendable, Equatable {
    /// Number of slots in use (the regimen's doses per day).
    public internal(set) var count: Int
    // Inline storage; a homogeneous tuple of Doubles is laid out contiguously.
    private var storage: (Double, Double, Double, Double, Double, Double, Double, Double)

    /// An empty day with `count` slots of 0 mg.
    public init(count: Int = 0) {
        assert(count >= 0 && count <= Regimen.maximumDosesPerDay, "slot count out of range")
        self.count = min(max(count, 0), Regimen.maximumDosesPerDay)
        storage = (0, 0, 0, 0, 0, 0, 0, 0)
    }

    /// Amount of the dose in `slot` (mg); `slot` in `0..<count`.
    public subscript(slot: Int) -> Double {
        get {
            assert(slot >= 0 && slot < Regimen.maximumDosesPerDay, "slot out of range")
            return withUnsafeBytes(of: storage) {
                $0.load(fromByteOffset: slot * MemoryLayout<Double>.stride, as: Double.self)
            }
        }
        set {
            assert(slot >= 0 && slot < Regimen.maximumDosesPerDay, "slot out of range")
            withUnsafeMutableBytes(of: &storage) {
                $0.storeBytes(of: newValue, toByteOffset: slot * MemoryLayout<Double>.stride, as: Double.self)
            }
        }
    }

    /// Sum of the slots in use (mg/day).
    public var totalMg: Double {
        var total = 0.0
        for slot in 0..<count { total += self[slot] }
        return total
    }

    public static func == (lhs: DailyDoses, rhs: DailyDoses) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for slot in 0..<lhs.count where lhs[slot] != rhs[slot] { return false }
        return true
    }
}
