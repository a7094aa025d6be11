import Foundation

/// Ctrl-C (SIGINT) and SIGTERM: one line saying what was kept, then exit 130 (143 for SIGTERM),
/// instead of a bare `^C`. Nothing half-written is left: output folders appear only when complete
/// (``OutputFolder``; a stale temporary folder is removed by the next write), and a PSA's or
/// sweep's store keeps only finished draws or points, so running the same command again resumes.
enum InterruptMessage {
    /// Installs the handlers (once, at start).
    static func install() {
        // A parent may hand down these signals blocked (a shell's background job, a test runner).
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        signal(SIGINT) { _ in
            interruptLine.withUTF8Buffer { line in _ = write(STDERR_FILENO, line.baseAddress, line.count) }
            _exit(130)
        }
        signal(SIGTERM) { _ in
            interruptLine.withUTF8Buffer { line in _ = write(STDERR_FILENO, line.baseAddress, line.count) }
            _exit(143)
        }
    }
}

/// The line the handlers write (a global constant: a signal handler may capture nothing).
private let interruptLine: StaticString = "\ninterrupted: nothing half-written was left (outputs appear only when complete; a PSA or sweep keeps its finished draws or points and resumes when the same command is run again)\n"
