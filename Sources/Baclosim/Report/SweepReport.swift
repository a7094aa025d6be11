/// The files a finished sweep exports beside its store.
public enum SweepReport {
    /// A tornado outcome that is not among the results.
    public struct OutcomeError: Error, CustomStringConvertible {
        public var description: String
    }

    /// `tornado.csv` and `tornado.svg` of a one-way sweep, for the outcome chosen by `arm` and
    /// `metric` (default: the first paired difference's first metric).
    /// - Throws: ``OutcomeError`` when the outcome is not among the results; store errors.
    public static func tornadoFiles(definition: SweepDefinition, store: SweepStore, arm: String?,
                                    metric: String?) throws -> [(name: String, text: String)] {
        let table: TornadoTable
        do {
            table = try TornadoTable(definition: definition, results: try store.results(), arm: arm, metric: metric)
        } catch let error as TornadoTable.Failure {
            throw OutcomeError(description: error.description)
        }
        return [("tornado.csv", table.csv), ("tornado.svg", SVGPlot.tornado(table))]
    }
}
