import Foundation
import Yams

/// The `key:` of a parameter entry in the `sweep:`, `psa:` and `calibration:` blocks: a key
/// path checked against the scenario's own node tree (includes resolved), so a mistyped path is
/// reported at load time on the line of its `key:`, with a "did you mean".
extension ScenarioNodeReader {
    /// The key path written in `entry`'s `key:` and the number the scenario has there, or `nil`
    /// (reported at `key:`).
    func numberKey(_ entry: DeclaredMapping, root: Node, loader: ScenarioLoader) -> (key: String, base: Double)? {
        guard let key = entry.text("key") else { return nil }
        do {
            return (key, try ScenarioOverride.value(at: key, in: root, file: file, loader: loader))
        } catch {
            report(error.issue(file: file, under: entry.path.appending("key").description, line: entry.value("key")?.mark?.line))
            return nil
        }
    }

    /// Reports `key` at `entry`'s `key:` when an earlier entry of the same list (recorded in
    /// `seen`, key → index) already names it, then records it for entry `index`; `role` says what
    /// the block does with a value ("varied", "fitted").
    func requireKeyOnce(_ key: String, index: Int, entry: DeclaredMapping, seen: inout [String: Int], role: String, fix: String) {
        if let earlier = seen[key] {
            report(entry.path.appending("key"), at: entry.value("key"), "\(key) is already \(role) by parameters[\(earlier)]",
                   fix: fix)
        }
        seen[key] = index
    }
}
