import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Shows a run's progress on stderr: a redrawn bar (done, rate, ETA) when stderr is a terminal,
/// otherwise a single summary line when the run ends; nothing in quiet mode.
///
/// Safe to call from any worker thread; redraws at most ten times a second.
public final class ProgressReporter: Sendable {
    /// How progress is shown.
    public enum Mode: Sendable, Equatable {
        /// A bar if stderr is a terminal, else a final line.
        case automatic
        /// A bar redrawn in place.
        case bar
        /// One summary line at the end.
        case line
        /// Nothing.
        case quiet
    }

    private struct State {
        var done = 0
        var lastDrawS = -Double.infinity
        var finished = false
    }

    private let total: Int
    private let unit: String
    private let mode: Mode
    private let startS: Double
    private let output: @Sendable (String) -> Void
    private let clockS: @Sendable () -> Double
    private let state = Mutex(State())

    /// A reporter for `total` items called `unit`.
    ///
    /// - Parameters:
    ///   - mode: ``Mode/automatic`` picks a bar when stderr is a terminal (`isatty`).
    ///   - output: where text goes (default: stderr).
    ///   - clockS: a monotonic clock in seconds (default: the system's uptime clock).
    public init(
        total: Int,
        unit: String = "subjects",
        mode: Mode = .automatic,
        output: @escaping @Sendable (String) -> Void = ProgressReporter.writeToStandardError,
        clockS: @escaping @Sendable () -> Double = ProgressReporter.uptimeS
    ) {
        self.total = total
        self.unit = unit
        self.mode = mode == .automatic ? (isatty(STDERR_FILENO) != 0 ? .bar : .line) : mode
        self.output = output
        self.clockS = clockS
        startS = clockS()
    }

    /// Records that `done` items are finished (calls may arrive out of order from different
    /// threads; the largest count wins) and redraws the bar if due.
    public func update(done: Int) {
        guard mode == .bar else {
            state.withLock { $0.done = max($0.done, done) }
            return
        }
        let nowS = clockS()
        let line: String? = state.withLock { state in
            state.done = max(state.done, done)
            guard !state.finished, nowS - state.lastDrawS >= 0.1 || state.done == total else { return nil }
            state.lastDrawS = nowS
            return Self.barLine(done: state.done, total: total, elapsedS: nowS - startS, unit: unit)
        }
        if let line { output("\r" + line + "\u{1B}[K") }
    }

    /// A callback for ``Runner/run(_:layout:makeSimulator:progress:)``.
    public var callback: @Sendable (_ done: Int, _ total: Int) -> Void {
        { [self] done, _ in update(done: done) }
    }

    /// Ends the display: the bar's final state and a newline, or the summary line.
    public func finish() {
        let nowS = clockS()
        let done: Int? = state.withLock { state in
            guard !state.finished else { return nil }
            state.finished = true
            return state.done
        }
        guard let done else { return }
        switch mode {
        case .bar:
            output("\r" + Self.barLine(done: done, total: total, elapsedS: nowS - startS, unit: unit) + "\u{1B}[K\n")
        case .line:
            output(Self.summaryLine(done: done, elapsedS: nowS - startS, unit: unit) + "\n")
        case .automatic, .quiet:
            break
        }
    }

    /// `[#####-----]  50.0%  500/1000 subjects  1.2k subjects/s  ETA 0:04`.
    static func barLine(done: Int, total: Int, elapsedS: Double, unit: String, width: Int = 30) -> String {
        let fraction = total > 0 ? min(max(Double(done) / Double(total), 0), 1) : 1
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let rate = elapsedS > 0 ? Double(done) / elapsedS : 0
        var line = "[\(bar)] " + String(format: "%5.1f%%", fraction * 100)
        line += "  \(done)/\(total) \(unit)  \(compact(rate)) \(unit)/s"
        if done < total && rate > 0 {
            line += "  ETA " + clock(Double(total - done) / rate)
        } else if done >= total {
            line += "  in " + clock(elapsedS)
        }
        return line
    }

    /// `1000 subjects in 2.5 s (400 subjects/s)`.
    static func summaryLine(done: Int, elapsedS: Double, unit: String) -> String {
        let rate = elapsedS > 0 ? Double(done) / elapsedS : 0
        return "\(done) \(unit) in \(String(format: "%.3g", elapsedS)) s (\(compact(rate)) \(unit)/s)"
    }

    /// 950, 12.3k, 4.56M.
    static func compact(_ x: Double) -> String {
        switch x {
        case 1e6...: return String(format: "%.3gM", x / 1e6)
        case 1e3...: return String(format: "%.3gk", x / 1e3)
        default: return String(format: "%.3g", x)
        }
    }

    /// Seconds as `m:ss` or `h:mm:ss`.
    static func clock(_ seconds: Double) -> String {
        let s = seconds.isFinite ? Int(seconds.rounded()) : 0
        let (h, m, sec) = (s / 3600, (s / 60) % 60, s % 60)
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, sec) : String(format: "%d:%02d", m, sec)
    }

    /// Writes `text` to stderr.
    public static let writeToStandardError: @Sendable (String) -> Void = { text in
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Seconds since boot (a monotonic clock).
    public static let uptimeS: @Sendable () -> Double = {
        Double(DispatchTime.now().uptimeNanoseconds) * 1e-9
    }
}
