/// Which withdrawal or toxicity model applies to one drug of a scenario, after the precedence
/// rules (Scenarios/README.md "Per-drug withdrawal and toxicity"):
///
/// 1. the scenario's `drugs.<name>.withdrawal:`: a block (the drug's own), `library` (the block
///    in the drug's file), `scenario` (the scenario-level block) or `none`;
/// 2. else the scenario-level `withdrawal:` block, as before per-drug blocks existed (none when
///    the scenario has none). A drug file's block is used only when asked for with `library`,
///    so a drug file gaining a block never changes an existing scenario. When the scenario-level
///    block would apply to a drug whose file has a block with a different driver (toxicity: a
///    different block), or a block in mg/L (toxicity, occupancy-driven withdrawal) would apply
///    to two different drugs, the scenario is ambiguous and rejected, with the choices as fix.
///
/// The same for `toxicity:`. Resolved when the scenario is read; the scenario-level model itself
/// stays in ``Scenario/withdrawal`` / ``Scenario/toxicity`` (arms without a drug use it too).
enum DrugSafetySelection<Model: Sendable & Hashable>: Sendable, Hashable {
    /// The scenario-level block (none when the scenario has none).
    case scenarioLevel
    /// The drug's own model (from its scenario entry or its library file).
    case drug(Model)
    /// No model for this drug (`none`), even when the scenario has a scenario-level block.
    case none

    /// The model that applies, given the scenario-level one.
    func resolved(scenarioLevel: Model?) -> Model? {
        switch self {
        case .scenarioLevel: scenarioLevel
        case .drug(let model): model
        case .none: nil
        }
    }
}

extension Scenario {
    /// The withdrawal model of arm `arm`: its drug's selection, or the scenario-level model for
    /// an arm without a drug; `nil` for none.
    func withdrawalModel(arm: Int) -> WithdrawalModel? {
        (arms[arm].treatment?.withdrawal ?? .scenarioLevel).resolved(scenarioLevel: withdrawal)
    }

    /// The toxicity model of arm `arm` (as ``withdrawalModel(arm:)``).
    func toxicityModel(arm: Int) -> ToxicityModel? {
        (arms[arm].treatment?.toxicity ?? .scenarioLevel).resolved(scenarioLevel: toxicity)
    }

    /// Every withdrawal model the run uses (the scenario-level one first, when given): withdrawal
    /// outputs are reported when this is not empty, severe withdrawal when one has tiers.
    var withdrawalModelsInUse: [WithdrawalModel] {
        var models: [WithdrawalModel] = withdrawal.map { [$0] } ?? []
        for arm in arms.indices { if let model = withdrawalModel(arm: arm), !models.contains(model) { models.append(model) } }
        return models
    }

    /// Whether any arm (or the scenario level) has a toxicity model.
    var hasToxicityModel: Bool {
        toxicity != nil || arms.indices.contains { toxicityModel(arm: $0) != nil }
    }
}
