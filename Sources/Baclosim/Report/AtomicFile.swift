import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a single file so that it appears complete or not at all (docs/model.md#12-engine-rules, rule 8):
/// the text goes to a hidden sibling `.NAME.tmp-<pid>`, is flushed to disk, and is renamed over
/// `NAME` (`rename(2)` is atomic within a folder). A reader sees the old file or the new one,
/// never a partial one. For whole output folders use ``OutputFolder``.
public enum AtomicFile {
    /// Writes `text` (UTF-8) to `path`, replacing an existing file. The parent folder must exist.
    ///
    /// - Throws: ``OutputFolder/WriteError`` naming the path and the system's reason; nothing is
    ///   left behind then.
    public static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let parent = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isFolder), isFolder.boolValue else {
            throw OutputFolder.WriteError.system(operation: "write", path: path, message: "folder \(parent) does not exist")
        }
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            throw OutputFolder.WriteError.system(operation: "write", path: path, message: "it is a folder; give a file name")
        }
        let temporaryName = ".\(name).tmp-\(getpid())"
        let temporary = parent + "/" + temporaryName
        _ = unlink(temporary)
        do {
            try OutputFolder.Writer(folderPath: parent).write(text, to: temporaryName)
            guard rename(temporary, url.path) == 0 else { throw OutputFolder.systemError("rename into place", temporary) }
        } catch {
            _ = unlink(temporary)
            throw error
        }
    }
}
