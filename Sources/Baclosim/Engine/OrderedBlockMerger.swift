import Foundation

/// Hands out block numbers to workers and merges finished blocks strictly in block order.
///
/// A worker may claim block b only while b < (next block to merge) + `window`, so at most
/// `window` finished blocks wait for an earlier one: memory is bounded by the window (a small
/// multiple of the thread count) times a block's accumulator, never by the number of subjects.
/// This cannot deadlock: the next block to merge is always either merged or held by a running
/// worker, and waiting workers hold no block.
final class OrderedBlockMerger: @unchecked Sendable {
    // All mutable state below is guarded by `condition`.
    private let condition = NSCondition()
    private let blockCount: Int
    private let window: Int
    private var nextToClaim = 0
    private var nextToMerge = 0
    private var pending: [Int: OutcomeAccumulator] = [:]
    private var total: OutcomeAccumulator
    private var stopError: (any Error)?
    private var maxPendingSeen = 0

    /// A merger for `blockCount` blocks into an empty accumulator for `layout`, letting at most
    /// `window` (≥ 1) finished blocks wait.
    init(blockCount: Int, window: Int, layout: OutcomeLayout) {
        self.blockCount = blockCount
        self.window = max(window, 1)
        total = OutcomeAccumulator(layout: layout)
    }

    /// The next block to simulate, waiting while the window is full; nil when every block has
    /// been claimed or the run has stopped.
    func claimBlock() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while stopError == nil && nextToClaim < blockCount && nextToClaim >= nextToMerge + window {
            condition.wait()
        }
        guard stopError == nil, nextToClaim < blockCount else { return nil }
        nextToClaim += 1
        return nextToClaim - 1
    }

    /// Hands in the accumulator of `block`; merges it and any blocks it unblocks.
    ///
    /// - Returns: subjects merged so far (for progress).
    func deliver(block: Int, _ accumulator: OutcomeAccumulator) -> Int {
        condition.lock()
        defer { condition.unlock() }
        pending[block] = accumulator
        maxPendingSeen = max(maxPendingSeen, pending.count)
        while let next = pending.removeValue(forKey: nextToMerge) {
            total.merge(next)
            nextToMerge += 1
        }
        condition.broadcast()
        return total.subjects
    }

    /// Stops the run: no further blocks are handed out; the first error is kept.
    func stop(with error: any Error) {
        condition.lock()
        defer { condition.unlock() }
        if stopError == nil { stopError = error }
        condition.broadcast()
    }

    /// The merged accumulator once all workers have finished, or the error that stopped them.
    func finish() throws -> (total: OutcomeAccumulator, maxPendingBlocks: Int) {
        condition.lock()
        defer { condition.unlock() }
        if let stopError { throw stopError }
        precondition(nextToMerge == blockCount && pending.isEmpty, "blocks left unmerged")
        return (total, maxPendingSeen)
    }
}
