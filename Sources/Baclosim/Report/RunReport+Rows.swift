extension RunReport {
    /// Rows of `summary.csv` without the subject counts: one per arm × metric (and quantile).
    public var armOutcomeRows: [OutcomeRow] {
        OutcomeRow.rows(of: self).filter { $0.kind == .arm }
    }

    /// Rows of `differences.csv`: paired differences, arm written `a-b`.
    public var differenceOutcomeRows: [OutcomeRow] {
        OutcomeRow.rows(of: self).filter { $0.kind == .difference }
    }
}
