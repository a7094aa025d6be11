/// A model that simulates one subject in every arm and writes the outcomes.
///
/// The runner makes one instance per worker thread (with the factory given to
/// ``Runner/run(_:layout:makeSimulator:progress:)``) and calls it for subject after subject, so
/// an instance may keep scratch buffers and solver workspaces between calls; it is never shared
/// between threads. The outcomes must depend only on the subject number and the model's
/// fixed inputs (seed, scenario), never on which subjects the instance simulated before: that
/// is what makes a run's result independent of the thread count. (Instances need not be
/// `Sendable`; only the type is used across threads, hence `SendableMetatype`.)
public protocol SubjectSimulator: SendableMetatype {
    /// Simulates `subject` in every arm of the layout and records its outcomes in `outcome`,
    /// which arrives reset (every value NaN, every arm included, no events).
    ///
    /// - Throws: any error for a numerical failure of this subject; the subject is then counted
    ///   as failed and left out of every arm (see ``RunConfiguration/maxFailedFraction``).
    mutating func simulate(subject: UInt64, into outcome: inout SubjectOutcome) throws
}
