/// The `economics:` block: prices, utilities, mortality and discounting for a cost-utility
/// analysis of the scenario's arms (docs/model.md section 11; docs/sources.md#health-economics).
struct EconomicsSettings: Sendable, Equatable {
    /// Unit costs; `drugs` lists one product per scenario drug that has a price.
    var costs: CostModel
    /// Scenario drug name for each entry of `costs.drugs`.
    var productDrugNames: [String]
    /// Utilities by drinking-risk level and side-effect disutility.
    var utilities: UtilityModel
    /// Background mortality and relative risks, or `nil` (nobody dies).
    var mortality: MortalityModel?
    /// Annual discount rates (costs, effects), applied per day from day 0.
    var costDiscountRatePerYear: Double
    var effectDiscountRatePerYear: Double
    /// Willingness-to-pay values (currency per QALY) for net monetary benefit.
    var willingnessToPay: [Double]
    /// Days in the trailing window whose mean g/day gives the drinking-risk level that costs,
    /// utilities and mortality read (``RiskLevelWindow``; `risk_level_window_days`, default 28).
    var riskLevelWindowDays: Int = RiskLevelWindow.defaultWindowDays
    /// Alcohol-attributable events counted by drinking-risk level (`alcohol_attributable_events`).
    var events: [AttributableEvent] = []
}
