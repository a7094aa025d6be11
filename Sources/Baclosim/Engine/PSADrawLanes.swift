import Foundation

/// One lane of a bound PSA: its own compiled model (written in place by each draw), worker pool
/// and parameter sampler. Used by one thread at a time (its lane of the outer loop).
final class PSALane: @unchecked Sendable {
    var model: CohortModel
    let pool: CohortWorkerPool
    var sampler: GSLSampler

    init(model: CohortModel, pool: CohortWorkerPool, seed: UInt64) {
        self.model = model
        self.pool = pool
        sampler = GSLSampler(key: StreamKey(seed: seed, subject: 0, purpose: .psaParameters), day: 0)
    }
}

/// The draws' values and rows as lanes finish them, in draw order whatever the finishing order;
/// the lowest failing draw's error; progress callbacks one at a time. Thread-safe.
final class PSADrawCollector: @unchecked Sendable {
    private let lock = NSLock()
    private let templateLock = NSLock()
    private let draws: Int
    private let stopAfter: Int?
    private let record: ((_ draw: Int, _ values: [Double], _ rows: [OutcomeRow]) throws -> Void)?
    private let drawDone: ((_ finished: Int, _ total: Int) -> Void)?
    private var values: [[Double]?]
    private var rows: [[OutcomeRow]?]
    private var finished = 0
    private var failure: (draw: Int, error: any Error)?

    /// A collector of `draws` positions; `record` is called once per finished draw under the
    /// collector's lock (one call at a time); after `stopAfter` finished draws no lane starts another.
    init(draws: Int, stopAfter: Int? = nil, record: ((_ draw: Int, _ values: [Double], _ rows: [OutcomeRow]) throws -> Void)? = nil,
         drawDone: ((_ finished: Int, _ total: Int) -> Void)?) {
        self.draws = draws
        self.stopAfter = stopAfter
        self.record = record
        self.drawDone = drawDone
        values = Array(repeating: nil, count: draws)
        rows = Array(repeating: nil, count: draws)
    }

    /// Whether a failure at a lower position makes the draw at `position` pointless.
    func isPastFailure(_ position: Int) -> Bool {
        lock.withLock { failure.map { position > $0.draw } ?? false }
    }

    /// Whether `stopAfter` draws have finished.
    var isStopped: Bool {
        lock.withLock { stopAfter.map { finished >= $0 } ?? false }
    }

    /// Keeps the draw at `position` (draw number `draw`) and records it.
    func finish(position: Int, draw: Int, values drawValues: [Double], rows drawRows: [OutcomeRow]) throws {
        try lock.withLock {
            try record?(draw, drawValues, drawRows)
            values[position] = drawValues
            rows[position] = drawRows
            finished += 1
            drawDone?(finished, draws)
        }
    }

    func fail(draw: Int, error: any Error) {
        lock.withLock {
            if failure.map({ draw < $0.draw }) ?? true { failure = (draw, error) }
        }
    }

    /// Runs `body` alone among the lanes (a ``ScenarioTemplate`` belongs to one thread).
    func withTemplateLock<T>(_ body: () throws -> T) rethrows -> T {
        templateLock.lock()
        defer { templateLock.unlock() }
        return try body()
    }

    /// Every draw's values and rows, or the lowest failing draw's error.
    func result() throws -> ([[Double]], [[OutcomeRow]]) {
        try lock.withLock {
            if let failure { throw failure.error }
            // Positions never reached (after `stopAfter`) are left out.
            return (values.compactMap { $0 }, rows.compactMap { $0 })
        }
    }
}

/// A non-`Sendable` value handed to worker threads that use it one at a time (under a lock).
struct UncheckedSendableBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
