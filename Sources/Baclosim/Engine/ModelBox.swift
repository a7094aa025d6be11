/// One read-only model held by reference, so the day loop can pass it to a method that is not
/// inlined without copying it.
///
/// A model with arrays (``WithdrawalModel``) read from an `Array` or from pointer memory is
/// copied for every call that borrows it (its arrays retained and released, through outlined
/// value witnesses: about 80 instructions per arm-day for RM-1's withdrawal model), because the
/// compiler cannot prove that memory unchanged during the call. A class's `let` is immutable,
/// so a call borrows it in place. The day loop reaches the box itself unretained
/// (``ModelBoxes``).
final class ModelBox<Model> {
    let model: Model

    init(_ model: Model) {
        self.model = model
    }
}

/// Boxed models (``ModelBox``) by index, for a day loop that must not count references: the
/// object keeps the boxes alive, and `unretained` holds unretained references to them in
/// pointer memory (loading a trivially copyable `Unmanaged` retains nothing, where loading a
/// class reference, or a struct holding the boxes' array, from memory retains it).
///
/// The holder keeps this object and reads `unretained` with ``Swift/UnsafePointer/withModel(_:_:)``.
final class ModelBoxes<Model> {
    private let boxes: [ModelBox<Model>]
    /// `Unmanaged.passUnretained(boxes[i])` at `i`; valid while this object lives.
    let unretained: UnsafePointer<Unmanaged<ModelBox<Model>>>

    init(_ models: [Model]) {
        boxes = models.map { ModelBox($0) }
        let memory = UnsafeMutablePointer<Unmanaged<ModelBox<Model>>>.allocate(capacity: max(1, boxes.count))
        for (i, box) in boxes.enumerated() { (memory + i).initialize(to: Unmanaged.passUnretained(box)) }
        unretained = UnsafePointer(memory)
    }

    deinit {
        unretained.deallocate()
    }
}

extension UnsafePointer {
    /// Calls `body` with the model of the box at index `i`, borrowed in place (no copy and no
    /// reference counting). The boxes must be alive (their ``ModelBoxes`` held by the caller).
    @inline(__always)
    func withModel<Model, Result>(_ i: Int, _ body: (borrowing Model) -> Result) -> Result
    where Pointee == Unmanaged<ModelBox<Model>> {
        self[i]._withUnsafeGuaranteedRef { body($0.model) }
    }
}
