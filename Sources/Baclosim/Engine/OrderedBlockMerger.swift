import Foundation

/// The one scheduler of cohort runs (``Runner`` and the PSA's ``CohortWorkerPool``): hands out
/// block numbers to workers and merges finished blocks strictly in block order.
///
/// A worker may claim block b only while b < (next block to merge) + `window`, so at most
/// `window` finished blocks wait for an earlier one. Block b accumulates into slot `b % window`:
/// the claim rule keeps every unmerged block within one window, so no two live blocks share a
/// slot, and the slots are reused from block to block and run to run. Memory is the window (a
/// small multiple of the thread count) times a block's accumulator, never the number of
/// subjects. This cannot deadlock: the next block to merge is always either merged or held by a
/// running worker, and waiting workers hold no block.
///
/// One run at a time: ``start(blockCount:)``, then workers ``claimBlock()`` and
/// ``deliver(block:)`` until the claims run out, then ``finish()``. Generic over what a block
/// accumulates (``BlockAccumulator``): a cohort run's ``OutcomeAccumulator``, a state-transition
/// microsimulation's sums.
final class OrderedBlockMerger<Accumulator: BlockAccumulator>: @unchecked Sendable {
    /// Blocks that may be claimed ahead of the next block to merge.
    let window: Int
    private let slots: UnsafeMutablePointer<Accumulator>
    // All mutable state below is guarded by `condition` (a slot's contents belong to the worker
    // that claimed its block until it is delivered).
    private let condition = NSCondition()
    private let delivered: UnsafeMutablePointer<Bool>
    private var total: Accumulator
    private var blockCount = 0
    private var nextToClaim = 0
    private var nextToMerge = 0
    private var pendingCount = 0
    private var maxPendingSeen = 0
    private var stopError: (any Error)?
    /// Called with each block's index and accumulator just before it is merged, in block order
    /// (under the merger's lock): a sharded run keeps each block (``CohortPart``).
    var beforeMerge: ((_ block: Int, _ accumulator: Accumulator) -> Void)?

    /// A merger of accumulators made empty by `empty`, letting at most `window` (≥ 1) finished
    /// blocks wait.
    init(window: Int, empty: () -> Accumulator) {
        self.window = max(window, 1)
        slots = .allocate(capacity: self.window)
        delivered = .allocate(capacity: self.window)
        for s in 0..<self.window {
            // Each slot its own storage (copies of one empty accumulator would share it until written).
            (slots + s).initialize(to: empty())
            (delivered + s).initialize(to: false)
        }
        total = empty()
    }

    deinit {
        slots.deinitialize(count: window)
        slots.deallocate()
        delivered.deinitialize(count: window)
        delivered.deallocate()
    }

    /// Starts a run of `blockCount` blocks into an empty total.
    func start(blockCount: Int) {
        condition.lock()
        defer { condition.unlock() }
        self.blockCount = blockCount
        nextToClaim = 0
        nextToMerge = 0
        pendingCount = 0
        maxPendingSeen = 0
        stopError = nil
        for s in 0..<window { delivered[s] = false }
        total.reset()
    }

    /// The next block to simulate and its accumulator, emptied, waiting while the window is
    /// full; nil when every block has been claimed or the run has stopped.
    func claimBlock() -> (block: Int, accumulator: UnsafeMutablePointer<Accumulator>)? {
        condition.lock()
        while stopError == nil && nextToClaim < blockCount && nextToClaim >= nextToMerge + window {
            condition.wait()
        }
        guard stopError == nil, nextToClaim < blockCount else {
            condition.unlock()
            return nil
        }
        let block = nextToClaim
        nextToClaim += 1
        condition.unlock()
        // The slot's previous block was merged before this block could be claimed.
        let slot = slots + block % window
        slot.pointee.reset()
        return (block, slot)
    }

    /// Marks `block` finished; merges it and any blocks it unblocks, in block order.
    ///
    /// - Returns: subjects merged so far (for progress).
    @discardableResult
    func deliver(block: Int) -> Int {
        condition.lock()
        defer { condition.unlock() }
        delivered[block % window] = true
        pendingCount += 1
        maxPendingSeen = max(maxPendingSeen, pendingCount)
        while nextToMerge < blockCount && delivered[nextToMerge % window] {
            delivered[nextToMerge % window] = false
            beforeMerge?(nextToMerge, slots[nextToMerge % window])
            total.merge(slots[nextToMerge % window])
            pendingCount -= 1
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
    func finish() throws -> (total: Accumulator, maxPendingBlocks: Int) {
        condition.lock()
        defer { condition.unlock() }
        if let stopError { throw stopError }
        precondition(nextToMerge == blockCount && pendingCount == 0, "blocks left unmerged")
        return (total, maxPendingSeen)
    }
}

/// What one block of subjects accumulates, merged block by block in block order.
protocol BlockAccumulator {
    /// Empties it for reuse by another block (keeping its storage).
    mutating func reset()
    /// Adds `other` (a later block) into it.
    mutating func merge(_ other: Self)
    /// Subjects accumulated (for progress).
    var subjects: Int { get }
}

extension OutcomeAccumulator: BlockAccumulator {}
