/// Tablet counts for up to `capacity` drug products of an arm (`CostModel.drugs`, same order),
/// e.g. tablets dispensed today of baclofen 10 mg and baclofen 25 mg.
///
/// Fixed storage (no array), so a subject-day's counts cost no allocation.
public struct TabletCounts: Sendable, Equatable {
    /// Products one arm can have.
    public static let capacity = 4

    private var first = 0, second = 0, third = 0, fourth = 0

    /// All zero.
    public init() {}

    /// Counts for the first products, in `CostModel.drugs` order; the rest are 0.
    /// - Precondition: at most `capacity` counts.
    public init(_ counts: Int...) {
        precondition(counts.count <= Self.capacity, "TabletCounts: at most \(Self.capacity) products")
        for (product, count) in counts.enumerated() { self[product] = count }
    }

    /// All zero.
    public static let zero = TabletCounts()

    /// The count for product `product` (0-based, < `capacity`).
    public subscript(product: Int) -> Int {
        get {
            switch product {
            case 0: first
            case 1: second
            case 2: third
            case 3: fourth
            default: preconditionFailure("TabletCounts: product \(product) out of range")
            }
        }
        set {
            switch product {
            case 0: first = newValue
            case 1: second = newValue
            case 2: third = newValue
            case 3: fourth = newValue
            default: preconditionFailure("TabletCounts: product \(product) out of range")
            }
        }
    }
}
