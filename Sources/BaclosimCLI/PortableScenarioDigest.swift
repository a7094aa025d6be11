import ArgumentParser
import Baclosim

/// The digest a run's or trial's parts record (``ScenarioTemplate/portableDigest``: the scenario
/// and every file it reads, paths relative to the scenario), for `--shard` and `--mpi`.
enum PortableScenarioDigest {
    /// The digest of the scenario at `path`; a scenario that does not load prints its problems
    /// and exits 2, as `run` does.
    static func of(_ path: String) throws -> String {
        do {
            let template = try ScenarioTemplate(path: path)
            _ = try template.scenario()
            return template.portableDigest
        } catch {
            printToStandardError(error.description)
            throw ExitCode(2)
        }
    }
}
