import Foundation

/// Runs the built `baclosim` executable, as a user would, and captures what it prints.
///
/// The binary is looked up next to the test bundle (the products folder of `swift test`, where
/// `swift build --product baclosim` puts it), or at `$BACLOSIM_BINARY`. Commands run from the
/// repository root, so the default drug library `Scenarios/drugs` resolves.
enum BaclosimBinary {
    /// What one run of the binary did.
    struct Result: Sendable {
        /// Exit status.
        var status: Int32
        /// Everything written to standard output.
        var standardOutput: String
        /// Everything written to standard error.
        var standardError: String

        /// Standard error split into lines (without the empty piece after a final newline).
        var errorLines: [String] {
            var lines = standardError.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.last == "" { lines.removeLast() }
            return lines
        }

        /// Standard output read as CSV: the header's fields and each row's fields.
        var csv: (header: [String], rows: [[String]]) {
            var lines = standardOutput.split(separator: "\n").map(String.init)
            guard !lines.isEmpty else { return ([], []) }
            let header = lines.removeFirst().split(separator: ",").map(String.init)
            return (header, lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) })
        }

        /// The CSV rows as numbers (a field that is not a number becomes NaN).
        var numericRows: [[Double]] {
            csv.rows.map { $0.map { Double($0) ?? .nan } }
        }
    }

    /// The binary was not where a build puts it.
    struct NotFound: Error, CustomStringConvertible {
        var searched: [String]
        var description: String {
            "baclosim binary not found (searched \(searched.joined(separator: ", "))). Build it first: swift build --product baclosim"
        }
    }

    /// The repository root (three levels above this file: Tests/BaclosimCLITests/<file>).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary's path.
    static func executable() throws -> URL {
        var candidates: [URL] = []
        if let path = ProcessInfo.processInfo.environment["BACLOSIM_BINARY"] {
            candidates.append(URL(fileURLWithPath: path))
        }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("baclosim"))
        if let executable = Bundle.main.executableURL {
            candidates.append(executable.deletingLastPathComponent().appendingPathComponent("baclosim"))
        }
        // On macOS the `.xctest` bundle is a folder inside the products folder.
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("baclosim"))
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        throw NotFound(searched: candidates.map(\.path))
    }

    /// Runs `baclosim arguments…` in `directory` (default: the repository root) and waits for it.
    /// Output goes to temporary files, so a large output can never block the child on a full pipe.
    /// `environment` adds to (or replaces in) this process's environment.
    static func run(_ arguments: [String], in directory: URL = repositoryRoot, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        process.currentDirectoryURL = directory
        let scratch = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Result(
            status: process.terminationStatus,
            standardOutput: try String(contentsOf: outURL, encoding: .utf8),
            standardError: try String(contentsOf: errURL, encoding: .utf8))
    }

    /// A fresh empty folder for a test's files; the caller removes it.
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baclosim-cli-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
