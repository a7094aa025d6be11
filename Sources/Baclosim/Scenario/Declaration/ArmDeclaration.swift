/// An item of the `arms:` list: what a randomised subject gets (Scenarios/README.md "arms"), with
/// its eligibility rules and course rules.
extension BlockDeclaration {
    static let arm = BlockDeclaration(
        "arm", meaning: "a treatment arm: a drug and its regimen (none for placebo), and what else the arm's subjects get",
        example: "{name: baclofen30, drug: baclofen, regimen: {maintenance_mg_per_day: 30}}",
        keys: [
            KeyDeclaration("name", .identifier, .required, meaning: "the arm's name in every output (unique)",
                           fix: "Name the arm (snake_case), e.g. name: baclofen30."),
            KeyDeclaration("description", .text, .optional(absent: ""), meaning: "the arm in words", fix: "Describe the arm in words."),
            KeyDeclaration("drug", .text, .optional(absent: "no drug (placebo)"), meaning: "a drug declared under `drugs:`",
                           fix: "Name a drug declared under drugs:, e.g. drug: baclofen."),
            KeyDeclaration("regimen", .block(.regimen), .optional(absent: "the drug file's regimen"),
                           meaning: "doses by day (`Scenarios/drugs/README.md`, \"Regimen\"); a taper that starts or ends after the horizon is an error",
                           fix: "Give the regimen, e.g. \(BlockDeclaration.regimen.example)."),
            KeyDeclaration("eligibility", .block(eligibility), .optional(absent: "everyone eligible"),
                           meaning: "who may not get the arm's drug, and what happens to them", fix: "Give eligibility rules as a mapping, e.g. \(eligibility.example)."),
            KeyDeclaration("psychosocial_therapy", .boolean, .defaulted(.boolean(false)), meaning: "`true`: craving mean × `craving.psychosocial_multiplier`",
                           fix: "Write true or false."),
            KeyDeclaration("drinking_hazard_ratio", .number(unit: "", rule: .aboveZeroAtMost(100)), .defaulted(.number(1)),
                           meaning: "multiplies every drinking-model hazard with `treatment_effect: true` (e.g. a comparator given as a hazard ratio, docs/sources.md#d-relapse-curves: HR 0.73 ≙ RR 0.87)", fix: "Give the hazard ratio on drinking hazards, e.g. 0.73."),
            KeyDeclaration("benzodiazepine_cover", .boolean, .defaulted(.boolean(false)),
                           meaning: "`true`: alcohol withdrawal risks use the `alcohol_withdrawal` block's benzodiazepine effect", fix: "Write true or false."),
            KeyDeclaration("side_effect_consequences", .named(.consequences), .optional(absent: "each side effect's own"),
                           meaning: "this arm's consequences of a listed effect, by effect name: keys given replace the scenario entry's, keys left out keep them. A reassigned subject follows the arm whose treatment she gets",
                           fix: "Give this arm's consequences by effect, e.g. {somnolence: {action: reduce_dose, reduce_by_mg_per_day: 10}}."),
            KeyDeclaration("economics", .block(armEconomics), .optional(absent: "the scenario's economics"),
                           meaning: "strategy-specific economics inputs (prices, schedules, utilities, hospital costs, mortality): each key given replaces the scenario's for subjects on this arm's treatment, so all strategies stay in one scenario with one frontier",
                           fix: "Give the keys this arm changes, e.g. economics: \(armEconomics.example)."),
            KeyDeclaration("course", .list(courseRule), .optional(absent: "none"),
                           meaning: "treatment-course events: rules that give the subject another arm's treatment (a switch to rescue or open label) or this arm's own again (a restart), each read every day from the subject's own days",
                           fix: "Give a list of rules, e.g. [\(courseRule.example)]."),
        ])

    static let eligibility = BlockDeclaration(
        "eligibility", meaning: "rules that keep subjects from the arm's drug",
        example: "{min_creatinine_clearance_mL_per_min: 30, action: exclude}",
        keys: [
            KeyDeclaration("pregnancy_test", .block(pregnancyTest), .optional(absent: "no test"), meaning: "women of child-bearing age are tested",
                           fix: "Give \(pregnancyTest.example)."),
            KeyDeclaration("min_creatinine_clearance_mL_per_min", .number(unit: "mL/min", rule: .aboveZeroAtMost(1_000)), .optional(absent: "no rule"),
                           meaning: "subjects below it are ineligible", fix: "Give a CrCl in mL/min, e.g. 30."),
            KeyDeclaration("excluded_liver_disease", .choiceList(["compensated", "cirrhosis"]), .optional(absent: "no rule"),
                           meaning: "liver disease that makes a subject ineligible", fix: "List compensated and/or cirrhosis."),
            KeyDeclaration("age_years", .numbers(unit: "years", rule: .within(0, 150), count: 2), .optional(absent: "no rule"),
                           meaning: "`[lowest, highest]` eligible ages", fix: "Give [lowest, highest] years, e.g. [18, 75]."),
            KeyDeclaration("action", .block(eligibilityAction), .optional(absent: "`exclude`"),
                           meaning: "what happens to an ineligible subject: `exclude`, or `{reassign: ARM}`", fix: "Write exclude or {reassign: arm}."),
        ])

    static let pregnancyTest = BlockDeclaration(
        "pregnancy_test", meaning: "a pregnancy test before the drug", example: "{tested_age_years: [15, 50], false_negative: 0.01}",
        keys: [
            KeyDeclaration("tested_age_years", .numbers(unit: "years", rule: .within(0, 150), count: 2), .optional(absent: "every woman"),
                           meaning: "`[lowest, highest]` ages tested", fix: "Give [15, 50]."),
            KeyDeclaration("false_negative", .number(unit: "", rule: .unitInterval), .defaulted(.number(0)), meaning: "probability a pregnancy is missed",
                           fix: "Give a probability, e.g. 0.01."),
            KeyDeclaration("false_positive", .number(unit: "", rule: .unitInterval), .defaulted(.number(0)), meaning: "probability a woman not pregnant tests positive",
                           fix: "Give a probability, e.g. 0."),
        ])

    static let eligibilityAction = BlockDeclaration(
        "action", meaning: "ineligible subjects get another arm's treatment", example: "{reassign: placebo}", scalarForms: ["exclude"],
        keys: [
            KeyDeclaration("reassign", .text, .required, meaning: "the arm ineligible subjects go to", fix: "Name the arm ineligible subjects go to."),
        ])

    static let courseRule = BlockDeclaration(
        "course rule", meaning: "when a criterion is met, the subject switches to an arm's treatment (this arm's own name restarts it)",
        example: "{on: relapse, relapse: {heavy_days: {count: 1, window_days: 1}}, switch_to: open_label}",
        choiceKeys: ChoiceKeys(key: "on", keys: [("relapse", ["relapse"]), ("no_response", [])],
                               optionalKeys: [("relapse", ["heavy_day_drinks", "while_off_drug"])]),
        keys: [
            KeyDeclaration("on", .choice(["relapse", "no_response"]), .required,
                           meaning: "`relapse`: the first day the `relapse:` criterion is met; `no_response`: the arm's `titrate_to_response` reaches its `stop_without_response_weeks` (the switch replaces the stop; the regimen needs the stopping rule)",
                           fix: "Use one of relapse, no_response."),
            KeyDeclaration("relapse", .block(.relapse), .optional(absent: "required with `on: relapse`"), meaning: "the relapse criterion (any of those given)",
                           fix: "Give the criterion, e.g. relapse: {heavy_days: {count: 2, window_days: 14}}."),
            KeyDeclaration("heavy_day_drinks", .block(.heavyDayDrinks), .optional(absent: "the drinking model's"),
                           meaning: "what a heavy day is for the relapse criterion", fix: "Give \(BlockDeclaration.heavyDayDrinks.example)."),
            KeyDeclaration("from_day", .integer(unit: "study day", minimum: 0, maximum: ScenarioNodeReader.maximumHorizonDays), .defaulted(.integer(0)),
                           meaning: "the first study day the criterion is read on (and its weeks start on)", fix: "Give the first study day the criterion is read on, e.g. 84."),
            KeyDeclaration("while_off_drug", .boolean, .defaulted(.boolean(false)),
                           meaning: "`on: relapse` only: read the criterion only on days without a prescribed dose (after the planned course ended, an early stop, a holiday): re-treatment after relapse. Days on the drug count as days without drinks",
                           fix: "Write true to read the criterion only on days without a prescribed dose (re-treatment after a course ended), else false."),
            KeyDeclaration("switch_to", .text, .required, meaning: "the arm whose treatment the subject gets: this arm's own name restarts its treatment",
                           fix: "Name the arm whose treatment the subject gets (this arm's own name restarts it), e.g. switch_to: open_label."),
            KeyDeclaration("times", .integer(unit: "", minimum: 1, maximum: 1_000), .defaulted(.integer(1)), meaning: "most times the rule fires per subject",
                           fix: "Give the most times the rule fires per subject, e.g. 1."),
            KeyDeclaration("endpoints", .choice(CourseEndpointConvention.allCases.map(\.rawValue)), .defaulted(.text(CourseEndpointConvention.asObserved.rawValue)),
                           meaning: "`as_observed`: the days after the event count as simulated; `as_dropout`: the event ends observation as a dropout does, so each endpoint's `missing` convention applies (`dropout_is_failure` counts the switcher as failing, `observed_only` leaves the days out) and `dropout`/`retention` count it",
                           fix: "Write as_observed (days after the event count as simulated) or as_dropout (the event ends observation)."),
            KeyDeclaration("description", .text, .optional(absent: ""), meaning: "the rule in words", fix: "Describe the rule in words."),
        ])

    static let drugEntry = BlockDeclaration(
        "drug", meaning: "a drug the arms use: its file (PK model, default regimen), parameter overrides and its effects",
        example: "{library: baclofen, effect: {emax: 0.4, ec50_mg_per_L: 0.2}}",
        exactlyOneOf: [["library", "file"]],
        keys: [
            KeyDeclaration("library", .text, .optional(absent: "give `file`"), meaning: "a file `Scenarios/drugs/<name>.yaml` (the `drugs` folder beside the nearest `Scenarios` folder above the scenario, else `Scenarios/drugs` in the working directory)",
                           fix: "Name a drug in Scenarios/drugs, e.g. library: baclofen."),
            KeyDeclaration("file", .text, .optional(absent: "give `library`"), meaning: "a drug file, relative to this file",
                           fix: "Give a drug file path relative to this scenario."),
            KeyDeclaration("model", .text, .optional(absent: "the file's default model"), meaning: "one of the drug file's PK models",
                           fix: "Name one of the drug file's models, e.g. simon2018."),
            KeyDeclaration("parameters", .namedNumbers(unit: "the parameter's", rule: .any), .optional(absent: "the model's typical values"),
                           meaning: "typical-value overrides by NONMEM name, e.g. `{CL: 9.9}` (L/h), `{V: 80}` (L)", fix: "Give typical-value overrides, e.g. {CL: 9.9}."),
            KeyDeclaration("effect", .block(.drugEffect), .required, meaning: "the drug's effect on craving",
                           fix: "Give the drug's effect on craving, e.g. \(BlockDeclaration.drugEffect.example)."),
            KeyDeclaration("side_effects", .named(.drugPart), .optional(absent: "the drug file's parts"),
                           meaning: "this drug's parts of side effects, by effect name, each replacing the drug file's part for that effect; each must name an effect listed under `side_effects:` (see \"Side effects per drug\")",
                           fix: "Give this drug's side-effect parts by effect, e.g. {nausea: \(BlockDeclaration.drugPart.example)}."),
            KeyDeclaration("withdrawal", .block(.drugWithdrawal), .optional(absent: "by the precedence rules"),
                           meaning: "this drug's withdrawal: a block, or `none`, `library` (the file's), `scenario` (the scenario's)",
                           fix: "Give a withdrawal block, or none, library or scenario."),
            KeyDeclaration("toxicity", .block(.drugToxicity), .optional(absent: "by the precedence rules"),
                           meaning: "this drug's toxicity: a block, or `none`, `library`, `scenario`",
                           fix: "Give a toxicity block, or none, library or scenario."),
        ])
}
