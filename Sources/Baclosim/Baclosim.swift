/// Baclosim: a parallel Monte Carlo engine for pharmacotherapy of alcohol use disorder.
///
/// The pipeline is scenario → plan → engine → merge → report; see `docs/architecture.md`.
public enum Baclosim {
    /// The tool's version, written into every manifest.
    public static let version = "0.1.0"
}
