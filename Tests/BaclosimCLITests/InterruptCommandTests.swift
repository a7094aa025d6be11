import Foundation
import Testing

/// Ctrl-C during a run: one line saying nothing half-written was left, exit status 130, and no
/// output folder (it appears only when complete).
@Suite struct InterruptCommandTests {
    @Test func interruptedRunSaysSoAndLeavesNoOutput() throws {
        let scratch = try BaclosimBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("out")
        let process = Process()
        process.executableURL = try BaclosimBinary.executable()
        process.arguments = ["run", "Scenarios/reference/rm1.yaml", "--subjects", "200000", "--threads", "1", "--out", out.path]
        process.currentDirectoryURL = BaclosimBinary.repositoryRoot
        let log = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardError = handle
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Once it is simulating (start-up takes well under a second), interrupt it as Ctrl-C does;
        // a process still running 20 s later is killed and the test fails.
        usleep(1_500_000)
        kill(process.processIdentifier, SIGINT)
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, process.isRunning { usleep(10_000) }
        let ignored = process.isRunning
        if ignored { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try handle.close()
        #expect(!ignored, "the run went on after SIGINT")
        let text = try String(contentsOf: log, encoding: .utf8)
        #expect(process.terminationReason == .exit && process.terminationStatus == 130, "\(text)")
        #expect(text.contains("interrupted: nothing half-written was left"), "\(text)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
