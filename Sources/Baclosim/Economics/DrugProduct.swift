/// A drug product an arm uses, as priced: one tablet strength in one pack size.
///
/// Prices are list prices of the model's currency and price year (`CostModel`). docs/sources.md#uk-drug-prices
/// gives only rough, unverified UK figures (generic baclofen about £1–3 per 84 × 10 mg; oral
/// naltrexone about £60–80 per 28 × 50 mg; acamprosate about £25–30 per 168 × 333 mg): check the
/// BNF / NHS Drug Tariff before use.
public struct DrugProduct: Sendable, Equatable {
    /// Name for reports, e.g. `baclofen 10 mg`.
    public var name: String
    /// Strength of one tablet in mg (metadata: the regimen turns doses into tablets).
    public var tabletStrengthMg: Double
    /// Tablets per pack (≥ 1).
    public var tabletsPerPack: Int
    /// Price of one pack, in the model's currency.
    public var packPrice: Double
    /// Which tablets are paid for.
    public var costBasis: DrugCostBasis

    /// Creates a product.
    public init(name: String, tabletStrengthMg: Double, tabletsPerPack: Int, packPrice: Double,
                costBasis: DrugCostBasis = .tabletsDispensed) {
        self.name = name
        self.tabletStrengthMg = tabletStrengthMg
        self.tabletsPerPack = tabletsPerPack
        self.packPrice = packPrice
        self.costBasis = costBasis
    }

    /// Price of one tablet (pack price / tablets per pack).
    public var pricePerTablet: Double { packPrice / Double(tabletsPerPack) }
}

/// The wastage rule: which tablets the payer pays for.
public enum DrugCostBasis: String, Sendable, Hashable, CaseIterable {
    /// Only tablets swallowed (no wastage; missed doses cost nothing). Scenario `tablets_taken`.
    case tabletsTaken = "tablets_taken"
    /// Every tablet dispensed, taken or missed, at the per-tablet price. Scenario
    /// `tablets_dispensed`.
    case tabletsDispensed = "tablets_dispensed"
    /// Dispensing in whole packs: a new pack is paid in full whenever the tablets dispensed
    /// exceed what is left of the packs already paid; what is left at the end is wasted.
    /// Scenario `whole_packs`.
    case wholePacks = "whole_packs"
}

/// What a subject has left of packs already paid for, per product (for `DrugCostBasis.wholePacks`).
/// One per subject and arm, starting empty.
public struct DrugSupply: Sendable, Equatable {
    /// Tablets paid for and not yet dispensed, per product.
    public var tabletsLeft = TabletCounts.zero

    /// Nothing in hand.
    public init() {}

    /// Dispenses `tablets` of a product sold in packs of `packSize`, opening as many new packs as
    /// needed; returns the number of packs opened.
    mutating func dispense(_ tablets: Int, product: Int, packSize: Int) -> Int {
        let left = tabletsLeft[product]
        if tablets <= left {
            tabletsLeft[product] = left - tablets
            return 0
        }
        let shortfall = tablets - left
        let packs = (shortfall + packSize - 1) / packSize
        tabletsLeft[product] = packs * packSize - shortfall
        return packs
    }
}
