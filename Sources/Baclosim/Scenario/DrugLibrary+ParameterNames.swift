/// The PK parameter names a drug file may use: NONMEM-style, so a command line can override one
/// as `--param CL=5`. Each name has one unit, stated in the file (`unit: L_per_h`) and checked.
public struct PKParameterName: Sendable, Equatable {
    /// The name (`CL`, `V`, …).
    public let name: String
    /// Its unit as written in files (`L_per_h`, `L`, `per_h`, `h`, `fraction`).
    public let unit: String
    /// What it is.
    public let meaning: String
    /// The values it may take.
    let rule: NumberRule
    /// An example value for messages.
    let example: String
    /// Whether it belongs to a metabolite block rather than the parent drug.
    public let isMetabolite: Bool

    /// Parent-drug parameters. Names follow NONMEM's ADVAN2/ADVAN4 habits: for two compartments
    /// `V` is the central and `V2` the peripheral volume, `Q` the intercompartmental clearance.
    public static let parent: [PKParameterName] = [
        .init(name: "CL", unit: "L_per_h", meaning: "apparent clearance (CL/F for oral models)",
              rule: .positive, example: "11.6", isMetabolite: false),
        .init(name: "V", unit: "L", meaning: "apparent (central) volume of distribution",
              rule: .positive, example: "72.8", isMetabolite: false),
        .init(name: "KA", unit: "per_h", meaning: "first-order absorption rate constant",
              rule: .positive, example: "1.64", isMetabolite: false),
        .init(name: "F", unit: "fraction", meaning: "bioavailability (1 when CL and V are apparent oral values)",
              rule: .fractionAboveZero, example: "0.74", isMetabolite: false),
        .init(name: "TLAG", unit: "h", meaning: "absorption lag time",
              rule: .nonNegative, example: "0.25", isMetabolite: false),
        .init(name: "Q", unit: "L_per_h", meaning: "intercompartmental clearance (two-compartment)",
              rule: .positive, example: "5", isMetabolite: false),
        .init(name: "V2", unit: "L", meaning: "peripheral volume (two-compartment)",
              rule: .positive, example: "30", isMetabolite: false),
        .init(name: "D1", unit: "h", meaning: "duration of zero-order input",
              rule: .positive, example: "1", isMetabolite: false),
    ]

    /// Metabolite parameters (inside a model's `metabolite:` block).
    public static let metabolite: [PKParameterName] = [
        .init(name: "FM", unit: "fraction", meaning: "fraction of the parent's clearance that forms the metabolite",
              rule: .fractionAboveZero, example: "0.7", isMetabolite: true),
        .init(name: "CLM", unit: "L_per_h", meaning: "metabolite clearance",
              rule: .positive, example: "0.6", isMetabolite: true),
        .init(name: "VM", unit: "L", meaning: "metabolite volume of distribution",
              rule: .positive, example: "70", isMetabolite: true),
    ]

    /// The entry for `name` in `list`, if any.
    static func find(_ name: String, in list: [PKParameterName]) -> PKParameterName? {
        list.first { $0.name == name }
    }
}
