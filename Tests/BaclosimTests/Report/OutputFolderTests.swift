import Foundation
import Testing

@testable import Baclosim

@Suite struct OutputFolderTests {
    private struct Interrupted: Error {}

    /// A fresh empty parent folder for one test, and the output path inside it.
    private func scratch() throws -> (parent: String, out: String) {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("baclosim-out-\(UUID())").path
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        return (parent, parent + "/out")
    }

    private func contents(_ path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    private func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func writesEveryFileAndLeavesNoTemporaryFolder() throws {
        let (parent, out) = try scratch()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        try OutputFolder.write(to: out) { writer in
            try writer.write("a,b\n1,2\n", to: "summary.csv")
            try writer.write("{}\n", to: "manifest.json")
        }
        #expect(try contents(parent) == ["out"])
        #expect(try contents(out) == ["manifest.json", "summary.csv"])
        #expect(try read(out + "/summary.csv") == "a,b\n1,2\n")
    }

    @Test func aWriteThatThrowsMidwayLeavesNoFolderAndNoTemporary() throws {
        let (parent, out) = try scratch()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        #expect(throws: Interrupted.self) {
            try OutputFolder.write(to: out) { writer in
                try writer.write("partial\n", to: "summary.csv")
                throw Interrupted()
            }
        }
        #expect(try contents(parent) == [])
    }

    @Test func replacesAnExistingOutputFolderWhole() throws {
        let (parent, out) = try scratch()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        try OutputFolder.write(to: out) { writer in
            try writer.write("old\n", to: "summary.csv")
            try writer.write("old only\n", to: "trajectories.csv")
            try writer.write("{}\n", to: "manifest.json")
        }
        try OutputFolder.write(to: out) { writer in
            try writer.write("new\n", to: "summary.csv")
            try writer.write("{}\n", to: "manifest.json")
        }
        #expect(try contents(parent) == ["out"])
        #expect(try contents(out) == ["manifest.json", "summary.csv"])
        #expect(try read(out + "/summary.csv") == "new\n")
    }

    @Test func aFailedReplacementKeepsTheOldFolder() throws {
        let (parent, out) = try scratch()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        try OutputFolder.write(to: out) { try $0.write("{}\n", to: "manifest.json") }
        #expect(throws: Interrupted.self) {
            try OutputFolder.write(to: out) { writer in
                try writer.write("{\"new\": 1}\n", to: "manifest.json")
                throw Interrupted()
            }
        }
        #expect(try contents(parent) == ["out"])
        #expect(try read(out + "/manifest.json") == "{}\n")
    }

    @Test func refusesToReplaceAFolderThatIsNotAnOutputFolder() throws {
        let (parent, out) = try scratch()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
        try "precious\n".write(toFile: out + "/notes.txt", atomically: false, encoding: .utf8)
        #expect(throws: OutputFolder.WriteError.notAnOutputFolder(path: out, marker: "manifest.json")) {
            try OutputFolder.write(to: out) { try $0.write("{}\n", to: "manifest.json") }
        }
        #expect(try contents(out) == ["notes.txt"])
        #expect(try contents(parent) == ["out"])
    }

    @Test func removesStaleTemporariesOfDeadRunsAndRestoresAMovedAsideFolder() throws {
        let (parent, out) = try scratch()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        // A run killed after writing part of its temporary folder, and one killed between moving
        // the old folder aside and renaming its new one in (no live process has pid 2^22 + 1 > pid_max).
        let deadPid = 4_194_305
        let files = FileManager.default
        try files.createDirectory(atPath: parent + "/.out.tmp-\(deadPid)", withIntermediateDirectories: false)
        try files.createDirectory(atPath: parent + "/.out.old-\(deadPid)", withIntermediateDirectories: false)
        try "{\"old\": 1}\n".write(toFile: parent + "/.out.old-\(deadPid)/manifest.json", atomically: false, encoding: .utf8)
        #expect(throws: Interrupted.self) {
            try OutputFolder.write(to: out) { _ in throw Interrupted() }
        }
        #expect(try contents(parent) == ["out"])
        #expect(try read(out + "/manifest.json") == "{\"old\": 1}\n")
    }

    @Test func rejectsFileNamesThatLeaveTheFolder() throws {
        let (parent, out) = try scratch()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        #expect(throws: OutputFolder.WriteError.invalidFileName("../escape.csv")) {
            try OutputFolder.write(to: out) { try $0.write("x", to: "../escape.csv") }
        }
        #expect(try contents(parent) == [])
    }
}
