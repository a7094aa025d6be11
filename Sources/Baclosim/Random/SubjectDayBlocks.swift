/// The first Philox blocks of one subject-day's regular purposes, drawn in one call of the lane
/// kernel (``PhiloxLanes``) and read by purpose, never by lane number.
///
/// Each block is exactly `StreamKey(seed:subject:purpose:).block(day:slot:)`, so a purpose's
/// numbers are the same whether they come from here or from its ``CounterStream``, and the
/// stream layout rules (common random numbers across arms) hold. The batched purposes and slots
/// are ``lanes``: adherence slots 0 and 1 (the day's timing and the first dose slots), drinking,
/// craving, dropout (drinking-state transitions), withdrawal, side effects and mortality. A
/// purpose's later blocks come from its stream (``stream(_:)``).
struct SubjectDayBlocks {
    /// The (purpose, slot) of each lane, in lane order.
    static let lanes: [(purpose: Purpose, slot: UInt32)] = [
        (.adherence, 0), (.adherence, 1), (.drinking, 0), (.craving, 0),
        (.dropout, 0), (.withdrawal, 0), (.sideEffects, 0), (.mortality, 0),
    ]

    /// The lane of (purpose, slot), or `nil` for one this batch does not hold.
    @inline(__always)
    static func lane(_ purpose: Purpose, slot: UInt32) -> Int? {
        switch (purpose, slot) {
        case (.adherence, 0): 0
        case (.adherence, 1): 1
        case (.drinking, 0): 2
        case (.craving, 0): 3
        case (.dropout, 0): 4
        case (.withdrawal, 0): 5
        case (.sideEffects, 0): 6
        case (.mortality, 0): 7
        default: nil
        }
    }

    /// The counters of the batch for one subject (all but the day word), built once per subject.
    struct Counters {
        let seed: UInt64
        let subject: UInt64
        fileprivate let slots: SIMD8<UInt32>, purposes: SIMD8<UInt32>, subjects: SIMD8<UInt32>
        fileprivate let key: SIMD2<UInt32>

        init(seed: UInt64, subject: UInt64) {
            let first = StreamKey(seed: seed, subject: subject, purpose: .adherence)
            self.seed = seed
            self.subject = subject
            var slots = SIMD8<UInt32>(), purposes = SIMD8<UInt32>()
            for (lane, address) in SubjectDayBlocks.lanes.enumerated() {
                slots[lane] = address.slot
                purposes[lane] = address.purpose.rawValue
            }
            self.slots = slots
            self.purposes = purposes
            subjects = SIMD8(repeating: UInt32(truncatingIfNeeded: subject))
            key = first.philoxKey
        }
    }

    /// The subject-day the blocks belong to.
    let counters: Counters
    let day: UInt32
    private let words: (SIMD8<UInt32>, SIMD8<UInt32>, SIMD8<UInt32>, SIMD8<UInt32>)

    /// The day's blocks of `counters`' subject.
    @inline(__always)
    init(_ counters: Counters, day: UInt32) {
        self.counters = counters
        self.day = day
        words = Philox4x32.blocks(c0: counters.slots, c1: SIMD8(repeating: day), c2: counters.purposes,
                                  c3: counters.subjects, key: counters.key)
    }

    /// Block `slot` of `purpose`'s stream on this day.
    /// - Precondition: (purpose, slot) is one of ``lanes``.
    @inline(__always)
    func block(_ purpose: Purpose, slot: UInt32 = 0) -> SIMD4<UInt32> {
        guard let lane = Self.lane(purpose, slot: slot) else {
            preconditionFailure("SubjectDayBlocks: \(purpose) slot \(slot) is not drawn in the day's batch")
        }
        return SIMD4(words.0[lane], words.1[lane], words.2[lane], words.3[lane])
    }

    /// The first and second uniform on (0, 1) of `purpose`'s block `slot`: its stream's outputs
    /// 2·slot and 2·slot + 1.
    @inline(__always)
    func uniforms(_ purpose: Purpose, slot: UInt32 = 0) -> (first: Double, second: Double) {
        let b = block(purpose, slot: slot)
        return (UniformBits.openUnit(CounterStream.output(low: b.x, high: b.y)),
                UniformBits.openUnit(CounterStream.output(low: b.z, high: b.w)))
    }

    /// `purpose`'s whole stream of the day (`CounterStream(key:day:)`), its first block from the
    /// batch.
    @inline(__always)
    func stream(_ purpose: Purpose) -> PrefetchedCounterStream {
        PrefetchedCounterStream(key: StreamKey(seed: counters.seed, subject: counters.subject, purpose: purpose), day: day,
                                firstBlock: block(purpose))
    }
}
