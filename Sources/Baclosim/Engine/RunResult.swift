/// The merged outcomes of a run, ready for the report layer.
public struct RunResult: Sendable {
    /// What was measured.
    public let layout: OutcomeLayout
    /// How the run was split.
    public let configuration: RunConfiguration
    /// Everything accumulated over the subjects.
    let outcomes: OutcomeAccumulator
    /// Debug statistic: the most finished blocks that waited at once for an earlier block
    /// (bounded by the merge window, whatever the number of subjects).
    let maxPendingBlocks: Int

    /// Subjects simulated, failed ones included.
    public var subjects: Int { outcomes.subjects }
    /// Subjects whose simulation failed (counted in no arm).
    public var failedSubjects: Int { outcomes.failedSubjects }
    /// The failure of the lowest-numbered failed subject, if any.
    public var firstFailure: SubjectFailure? { outcomes.firstFailure }
    /// Per arm (in layout order): subjects excluded from the arm.
    public var excludedSubjects: [Int] { outcomes.excludedSubjects }
    /// Per arm (in layout order): subjects counted in the arm.
    public var includedSubjects: [Int] { outcomes.includedSubjects }
    /// Subject-days simulated: subjects × horizon × arms (the throughput unit of the RM-1
    /// reference implementations).
    public var subjectDays: Int { subjects * layout.horizonDays * layout.arms.count }

    /// The result over the members of subgroup `i` of the layout (a layout without subgroups).
    func subgroup(_ i: Int) -> RunResult {
        let outcomes = outcomes.subgroup(i)
        return RunResult(layout: outcomes.layout, configuration: configuration, outcomes: outcomes, maxPendingBlocks: 0)
    }

    /// The result itself when its failed subjects are within the configuration's
    /// `maxFailedFraction` (failed ones are then left out of every arm, as the manifest says).
    ///
    /// - Throws: ``EngineError/tooManyFailures(failed:subjects:maxFailedFraction:firstFailure:)``
    ///   naming the first failure, when more failed.
    func checkedForFailures() throws -> RunResult {
        guard Double(failedSubjects) > configuration.maxFailedFraction * Double(subjects) else { return self }
        throw EngineError.tooManyFailures(
            failed: failedSubjects, subjects: subjects, maxFailedFraction: configuration.maxFailedFraction,
            firstFailure: firstFailure.map { "subject \($0.subject): \($0.message)" })
    }
}
