import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes an output folder so that it appears complete or not at all (docs/model.md#12-engine-rules, rule 8).
///
/// Files go into a hidden sibling `.NAME.tmp-<pid>`, each flushed to disk (`fsync`); the folder
/// is then renamed to `NAME` (`rename(2)` is atomic). An existing `NAME` is first renamed aside
/// to `.NAME.old-<pid>`, the new folder renamed in, and the old one deleted — so at every
/// moment either the old or the new complete folder exists, or (after a crash between the two
/// renames) the old one waits under its `.old` name and the next write restores or replaces it.
/// An existing folder is replaced only if it holds `marker` (the manifest), so a mistyped path
/// never deletes someone's files. If writing fails, the temporary folder is removed; a killed
/// run leaves at most a temporary sibling, which the next write to the same place removes.
///
/// This and its siblings in `Report/` are the only code that writes files.
public enum OutputFolder {
    /// A problem writing an output folder.
    public enum WriteError: Error, Equatable, CustomStringConvertible {
        /// `path` exists but is not an output folder (no marker file); it is left alone.
        case notAnOutputFolder(path: String, marker: String)
        /// A file name that is not a plain name inside the folder.
        case invalidFileName(String)
        /// A system call failed on `path`.
        case system(operation: String, path: String, message: String)

        public var description: String {
            switch self {
            case .notAnOutputFolder(let path, let marker):
                return "\(path) exists and is not a Baclosim output folder (it has no \(marker)). "
                    + "Choose another output path, or remove it first."
            case .invalidFileName(let name):
                return "'\(name)' is not a plain file name for an output folder."
            case .system(let operation, let path, let message):
                return "cannot \(operation) \(path): \(message)"
            }
        }
    }

    /// Writes files into a temporary folder; handed to the closure of ``write(to:marker:_:)``.
    public struct Writer {
        /// The temporary folder being filled (a file that is not text, e.g. a database, may be
        /// created in it; it is flushed with the folder).
        public let folderPath: String

        /// Writes `text` (UTF-8) to the file `name` in the folder and flushes it to disk.
        public func write(_ text: String, to name: String) throws {
            try write(bytes: Array(text.utf8), to: name)
        }

        /// Writes `bytes` to the file `name` in the folder and flushes it to disk.
        public func write(bytes: [UInt8], to name: String) throws {
            guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else {
                throw WriteError.invalidFileName(name)
            }
            let path = folderPath + "/" + name
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            guard fd >= 0 else { throw OutputFolder.systemError("create", path) }
            defer { close(fd) }
            try writeAll(bytes, to: fd, path: path)
            guard fsync(fd) == 0 else { throw OutputFolder.systemError("flush", path) }
        }
    }

    /// Writes the folder at `path`: `fill` writes its files through a ``Writer``; the folder
    /// appears at `path` only if `fill` returns. The parent folder is created if missing.
    ///
    /// - Parameters:
    ///   - path: the output folder.
    ///   - marker: a file every output folder holds; an existing `path` is replaced only if it
    ///     holds this file or is empty.
    ///   - fill: writes the files.
    /// - Throws: ``WriteError``, or what `fill` throws (nothing is left behind then).
    public static func write(to path: String, marker: String = "manifest.json", _ fill: (Writer) throws -> Void)
        throws
    {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let target = url.path
        let parent = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        let pid = getpid()
        let temporary = parent + "/.\(name).tmp-\(pid)"
        let aside = parent + "/.\(name).old-\(pid)"
        let files = FileManager.default

        do {
            try files.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw WriteError.system(operation: "create folder", path: parent, message: "\(error.localizedDescription)")
        }
        try cleanStale(parent: parent, name: name)
        try checkReplaceable(target, marker: marker)

        try? files.removeItem(atPath: temporary)
        guard mkdir(temporary, 0o755) == 0 else { throw systemError("create folder", temporary) }
        do {
            try fill(Writer(folderPath: temporary))
            syncFolder(temporary)
            if files.fileExists(atPath: target) {
                guard rename(target, aside) == 0 else { throw systemError("move aside", target) }
                guard rename(temporary, target) == 0 else {
                    let failure = systemError("rename into place", temporary)
                    _ = rename(aside, target)
                    throw failure
                }
                try? files.removeItem(atPath: aside)
            } else {
                guard rename(temporary, target) == 0 else { throw systemError("rename into place", temporary) }
            }
            syncFolder(parent)
        } catch {
            try? files.removeItem(atPath: temporary)
            throw error
        }
    }

    /// Removes `.NAME.tmp-<pid>` and `.NAME.old-<pid>` siblings left by runs that are no longer
    /// alive; an `.old` folder is first restored to `NAME` if `NAME` is missing (a run was killed
    /// between its two renames).
    static func cleanStale(parent: String, name: String) throws {
        let files = FileManager.default
        guard let entries = try? files.contentsOfDirectory(atPath: parent) else { return }
        for entry in entries.sorted() {
            for kind in ["tmp", "old"] {
                let prefix = ".\(name).\(kind)-"
                guard entry.hasPrefix(prefix), let pid = Int32(entry.dropFirst(prefix.count)) else { continue }
                guard pid == getpid() || !isAlive(pid) else { continue }
                let path = parent + "/" + entry
                if kind == "old" && !files.fileExists(atPath: parent + "/" + name) {
                    _ = rename(path, parent + "/" + name)
                } else {
                    try? files.removeItem(atPath: path)
                }
            }
        }
    }

    /// Throws unless `path` is absent, an empty folder, or a folder holding `marker`.
    static func checkReplaceable(_ path: String, marker: String) throws {
        let files = FileManager.default
        var isFolder: ObjCBool = false
        guard files.fileExists(atPath: path, isDirectory: &isFolder) else { return }
        guard isFolder.boolValue else { throw WriteError.notAnOutputFolder(path: path, marker: marker) }
        let contents = (try? files.contentsOfDirectory(atPath: path)) ?? []
        guard contents.isEmpty || contents.contains(marker) else {
            throw WriteError.notAnOutputFolder(path: path, marker: marker)
        }
    }

    /// Whether process `pid` exists (`kill(pid, 0)`; EPERM means it exists under another user).
    private static func isAlive(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    /// Flushes a folder's entries to disk (`fsync` on the folder); best effort, as some file
    /// systems refuse it.
    private static func syncFolder(_ path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    /// The current `errno` as a ``WriteError``.
    static func systemError(_ operation: String, _ path: String) -> WriteError {
        WriteError.system(operation: operation, path: path, message: String(cString: strerror(errno)))
    }
}

/// Writes all of `bytes` to the open file `fd` (`write(2)`, retried on EINTR and short writes).
private func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws {
    try bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw OutputFolder.systemError("write", path)
            }
            offset += written
        }
    }
}
