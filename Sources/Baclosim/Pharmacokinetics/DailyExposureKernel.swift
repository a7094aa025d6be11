import Foundation

/// The per-subject-day PK step: a fixed daily timetable of dose slots for one subject's model,
/// with every piece's exact transition precomputed, so a day costs a few multiply-adds per
/// piece plus one `log` and one `exp` per absorption peak (1-cmt oral) and never allocates.
///
/// A day is [0, 24) h of clock time. Slot j is taken at `doseClockTimesH[j]`; its input lands
/// at clock + TLAG (oral) or clock (IV bolus). An input that lands at or after midnight belongs
/// to the next day: the kernel carries that amount in `State.carriedInputsMg` and applies it
/// then. Infusions are not supported here (use `LinearPKModel.advance(_:fromH:toH:doses:)`).
struct DailyExposureKernel: Sendable {
    /// Day length (h).
    static let dayH = 24.0
    /// Most dose slots per day (the width of `State.carriedInputsMg`).
    static let maximumSlots = 8

    /// What the kernel carries from one day to the next.
    struct State: Sendable, Hashable {
        /// Compartment amounts at midnight, before that instant's inputs (mg).
        var amounts = LinearPKState.empty
        /// Yesterday's slot amounts whose input lands today (mg), indexed by slot.
        var carriedInputsMg = SIMD8<Double>(repeating: 0)
    }

    /// One input within the day: which slot, when (h after midnight), and whether it is
    /// yesterday's dose (lag past midnight).
    struct Input: Sendable, Hashable {
        var slot: Int
        var offsetH: Double
        var isCarried: Bool
    }

    let model: LinearPKModel
    let analyte: PKAnalyte
    /// True for oral doses (F × dose to the gut), false for IV boluses (dose to the central).
    let inputsGoToGut: Bool
    let slotCount: Int
    /// Inputs sorted by offset.
    let inputs: [Input]
    /// Piece p spans [pieceStartH[p], pieceStartH[p] + transitions[p].intervalH).
    let pieceStartH: [Double]
    let transitions: [LinearPKTransition]
    /// Slots whose input lands the next day.
    let carriedSlotMask: SIMD8<Double>
    /// The 1-cmt oral parent case (no peripheral, no metabolite), which `advanceDay` runs on
    /// the flat `oralPieces` table instead of the general piece walk; same arithmetic, same
    /// results to the bit.
    let isOneCompartmentOral: Bool
    /// Per piece, the coefficients the 1-cmt oral walk needs (empty in the other cases).
    let oralPieces: [OneCompartmentOralPiece]
    /// `log1p(δ/k)/(δ/k)/k` with δ = KA − k (h): the subject-constant part of the peak time
    /// (see `LinearPKModel.advancePiece`), hoisted out of the day loop.
    let peakTimeConstantH: Double

    /// One between-input piece of the 1-cmt oral day: the exact transition's nonzero
    /// coefficients and its AUC row.
    struct OneCompartmentOralPiece: Sendable, Hashable {
        /// Start and end of the piece (h after midnight) and its length (h).
        var startH: Double, endH: Double, lengthH: Double
        /// e^{−KA·h}: gut amount at the end per mg at the start.
        var gutDecay: Double
        /// Central amount at the end per mg in the gut / central at the start.
        var centralFromGut: Double, centralFromCentral: Double
        /// ∫ central amount dt over the piece per mg in the gut / central at the start (h).
        var aucFromGut: Double, aucFromCentral: Double
    }

    /// Builds the kernel for `model`, dose slots at `doseClockTimesH` (h after midnight, each in
    /// [0, 24)), `route` (oral or IV bolus) and the exposure of `analyte`.
    init(model: LinearPKModel, doseClockTimesH: [Double], route: DoseRoute = .oral, analyte: PKAnalyte = .parent) throws(PKError) {
        try model.requireAnalyte(analyte)
        guard (1...Self.maximumSlots).contains(doseClockTimesH.count) else {
            throw .invalidSchedule("a day needs 1 to \(Self.maximumSlots) dose times (found \(doseClockTimesH.count))")
        }
        for time in doseClockTimesH where !(time >= 0 && time < Self.dayH) {
            throw .invalidSchedule("dose clock time \(time) h is outside [0, 24)")
        }
        let lag: Double
        switch route {
        case .oral:
            guard model.hasAbsorption else {
                throw .invalidSchedule("oral doses need absorption_rate_per_h in the PK model")
            }
            lag = model.lagTimeH
        case .ivBolus:
            lag = 0
        case .infusion:
            throw .invalidSchedule("the daily kernel takes oral or IV bolus doses; simulate infusions with the event-driven path")
        }
        guard lag < Self.dayH else {
            throw .invalidSchedule("lag time \(lag) h must be < 24 h for daily dosing")
        }
        self.model = model
        self.analyte = analyte
        self.inputsGoToGut = route == .oral
        self.slotCount = doseClockTimesH.count

        var inputs: [Input] = []
        var mask = SIMD8<Double>(repeating: 0)
        for (slot, clock) in doseClockTimesH.enumerated() {
            let landing = clock + lag
            if landing >= Self.dayH {
                inputs.append(Input(slot: slot, offsetH: landing - Self.dayH, isCarried: true))
                mask[slot] = 1
            } else {
                inputs.append(Input(slot: slot, offsetH: landing, isCarried: false))
            }
        }
        inputs.sort { ($0.offsetH, $0.slot) < ($1.offsetH, $1.slot) }
        var boundaries = [0.0]
        for input in inputs where input.offsetH > boundaries[boundaries.count - 1] {
            boundaries.append(input.offsetH)
        }
        boundaries.append(Self.dayH)
        var starts: [Double] = []
        var transitions: [LinearPKTransition] = []
        for p in 0..<(boundaries.count - 1) {
            starts.append(boundaries[p])
            transitions.append(model.transition(overH: boundaries[p + 1] - boundaries[p]))
        }
        self.inputs = inputs
        self.pieceStartH = starts
        self.transitions = transitions
        self.carriedSlotMask = mask
        isOneCompartmentOral = route == .oral && analyte == .parent && !model.isTwoCompartment && !model.hasMetabolite
        if isOneCompartmentOral {
            oralPieces = zip(starts, transitions).map { start, piece in
                OneCompartmentOralPiece(startH: start, endH: start + piece.intervalH, lengthH: piece.intervalH,
                                        gutDecay: piece.gutDecay, centralFromGut: piece.centralRow.gut,
                                        centralFromCentral: piece.centralRow.central,
                                        aucFromGut: piece.centralIntegralRow.gut, aucFromCentral: piece.centralIntegralRow.central)
            }
            let k = model.k10
            peakTimeConstantH = LinearPKModel.log1pOverX((model.absorptionRatePerH - k) / k) / k
        } else {
            oralPieces = []
            peakTimeConstantH = 0
        }
    }

    /// ``advanceDay(_:doseAmountsMg:)`` with the slot amounts in a vector (slots past
    /// `slotCount` ignored): the engine's allocation-free call. With `computingExtremes` false
    /// the day's interior peaks and troughs are not searched (for a model other than the 1-cmt
    /// oral one, root finding on the exact derivative: most of a 2-cmt day's cost): AUC, Cavg and
    /// the end state are the same to the bit, and Cmax, Tmax and Cmin are NaN.
    func advanceDay(_ state: inout State, doseAmountsMg amounts: SIMD8<Double>, computingExtremes: Bool = true) -> DailyExposure {
        if isOneCompartmentOral { return advanceOneCompartmentOralDay(&state, doseAmountsMg: amounts) }
        let exposure = withUnsafeBytes(of: amounts) { raw in
            advanceDay(&state, doseAmountsMg: UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: Double.self),
                                                                  count: slotCount),
                       findingStationaryPoints: computingExtremes)
        }
        if computingExtremes { return exposure }
        return DailyExposure(aucMgHPerL: exposure.aucMgHPerL, cavgMgPerL: exposure.cavgMgPerL, cmaxMgPerL: .nan, tmaxH: .nan, cminMgPerL: .nan)
    }

    /// Advances one day: applies the day's inputs (`doseAmountsMg[slot]`, 0 for a missed or
    /// zero dose; F is applied here for oral doses) and returns the day's exact exposure
    /// (`tmaxH` is clock time).
    ///
    /// - Complexity: O(pieces); no allocation.
    func advanceDay<Amounts: RandomAccessCollection<Double>>(_ state: inout State, doseAmountsMg: Amounts,
                                                             findingStationaryPoints: Bool = true) -> DailyExposure
    where Amounts.Index == Int {
        assert(doseAmountsMg.count == slotCount)
        let base = doseAmountsMg.startIndex
        var tracker = ExposureTracker()
        var amounts = state.amounts
        var next = 0
        inputs.withUnsafeBufferPointer { inputs in
            transitions.withUnsafeBufferPointer { transitions in
                pieceStartH.withUnsafeBufferPointer { starts in
                    for p in 0..<transitions.count {
                        let start = starts[p]
                        while next < inputs.count && inputs[next].offsetH == start {
                            let input = inputs[next]
                            let doseMg = input.isCarried ? state.carriedInputsMg[input.slot] : doseAmountsMg[base + input.slot]
                            if inputsGoToGut {
                                amounts.gutMg += model.bioavailability * doseMg
                            } else {
                                amounts.centralMg += doseMg
                            }
                            next += 1
                        }
                        model.advancePiece(
                            &amounts, transition: transitions[p], infusionRateMgPerH: 0,
                            analyte: analyte, startH: start, tracker: &tracker,
                            findingStationaryPoints: findingStationaryPoints
                        )
                    }
                }
            }
        }
        state.amounts = amounts
        for slot in 0..<slotCount {
            state.carriedInputsMg[slot] = carriedSlotMask[slot] * doseAmountsMg[base + slot]
        }
        return tracker.exposure(lengthH: Self.dayH)
    }

    /// The subject constants of the 1-cmt oral walk.
    struct OralConstants: Sendable {
        var ka: Double, k: Double, delta: Double, bioavailability: Double, inverseVolume: Double
        var peakTimeConstantH: Double
        var carriedSlotMask: SIMD8<Double>
    }

    /// This kernel's 1-cmt oral constants (meaningful when `isOneCompartmentOral`).
    var oralConstants: OralConstants {
        OralConstants(ka: model.absorptionRatePerH, k: model.k10, delta: model.absorptionRatePerH - model.k10,
                      bioavailability: model.bioavailability, inverseVolume: model.inverseCentralVolume,
                      peakTimeConstantH: peakTimeConstantH, carriedSlotMask: carriedSlotMask)
    }

    /// `advanceDay` for the 1-cmt oral parent.
    private func advanceOneCompartmentOralDay(_ state: inout State, doseAmountsMg amounts: SIMD8<Double>) -> DailyExposure {
        let constants = oralConstants
        return inputs.withUnsafeBufferPointer { inputs in
            oralPieces.withUnsafeBufferPointer { pieces in
                Self.oneCompartmentOralDay(&state, doseAmountsMg: amounts, pieces: pieces, inputs: inputs, constants: constants,
                                           computingPeaks: true)
            }
        }
    }

    /// One day of the 1-cmt oral parent: the general walk (`LinearPKModel.advancePiece`) with
    /// its zero terms dropped, operation for operation, so results are bit-identical. Per
    /// piece: the start concentration, the AUC row, the two-term transition, and — when the
    /// central amount rises and then falls within the piece — one `log1p` and one `exp` for
    /// the peak. Takes the tables as buffers so that no caller has to copy a kernel.
    ///
    /// With `computingPeaks` false the interior peaks are skipped (no `log1p`, no `exp`) and
    /// `cmaxMgPerL` and `tmaxH` are NaN: for a caller that reads neither that day. AUC, Cavg,
    /// Cmin (always at a piece end for this model) and the carried state are unchanged, bit
    /// for bit.
    @inline(__always)
    static func oneCompartmentOralDay(_ state: inout State, doseAmountsMg amounts: SIMD8<Double>,
                                      pieces: UnsafeBufferPointer<OneCompartmentOralPiece>, inputs: UnsafeBufferPointer<Input>,
                                      constants: OralConstants, computingPeaks: Bool) -> DailyExposure {
        let ka = constants.ka, k = constants.k, delta = constants.delta
        let f = constants.bioavailability, inverseVolume = constants.inverseVolume
        let peakConstant = constants.peakTimeConstantH
        var tracker = ExposureTracker()
        var g = state.amounts.gutMg, a = state.amounts.centralMg
        var next = 0
        for piece in pieces {
            while next < inputs.count && inputs[next].offsetH == piece.startH {
                let input = inputs[next]
                g += f * (input.isCarried ? state.carriedInputsMg[input.slot] : amounts[input.slot])
                next += 1
            }
            tracker.observe(a * inverseVolume, atH: piece.startH)
            tracker.aucMgHPerL += (piece.aucFromGut * g + piece.aucFromCentral * a) * inverseVolume
            let endG = piece.gutDecay * g
            let endA = piece.centralFromGut * g + piece.centralFromCentral * a
            if computingPeaks && ka * g - k * a > 0 && ka * endG - k * endA < 0 {
                let ratio = a / (ka * g)
                var t = peakConstant - ratio * LinearPKModel.log1pOverX(delta * ratio)
                t = min(max(t, 0), piece.lengthH)
                let peakMg = ka * g * exp(-ka * t) / k
                tracker.observe(peakMg * inverseVolume, atH: piece.startH + t)
            }
            g = endG
            a = endA
            tracker.observe(a * inverseVolume, atH: piece.endH)
        }
        state.amounts = LinearPKState(gutMg: g, centralMg: a)
        state.carriedInputsMg = constants.carriedSlotMask * amounts
        var exposure = tracker.exposure(lengthH: dayH)
        if !computingPeaks {
            exposure.cmaxMgPerL = .nan
            exposure.tmaxH = .nan
        }
        return exposure
    }
}

/// A 1-cmt oral `DailyExposureKernel` in a form the engine can call once per subject-day with
/// no copying: a class whose tables sit in memory it owns, so a call passes one reference
/// (calling a method of the kernel struct through storage the compiler cannot prove
/// unaliased copies the whole struct and retains its arrays every time). Same arithmetic as
/// `DailyExposureKernel.advanceDay`, bit for bit.
final class OneCompartmentOralDayKernel {
    /// One allocation (per subject) holding, in order, the constants, the day map, the pieces
    /// and the inputs (all trivial types); the typed pointers below point into it.
    private let storage: UnsafeMutableRawPointer
    private let constants: UnsafeMutablePointer<DailyExposureKernel.OralConstants>
    private let dayMap: UnsafeMutablePointer<DayMap>
    private var pieces: UnsafeMutableBufferPointer<DailyExposureKernel.OneCompartmentOralPiece>
    private var inputs: UnsafeMutableBufferPointer<DailyExposureKernel.Input>
    private var slotCount: Int

    /// An empty kernel (no pieces, no inputs) whose memory holds the tables of any 1-cmt oral
    /// day (at most `maximumSlots` inputs and `maximumSlots + 1` pieces): the engine makes one
    /// per worker and kernel group and refills it per subject with ``rebuild(model:doseClockTimesH:)``,
    /// so no subject allocates.
    init() {
        typealias Constants = DailyExposureKernel.OralConstants
        typealias Piece = DailyExposureKernel.OneCompartmentOralPiece
        typealias Input = DailyExposureKernel.Input
        let pieceCapacity = DailyExposureKernel.maximumSlots + 1, inputCapacity = DailyExposureKernel.maximumSlots
        func aligned(_ offset: Int, _ alignment: Int) -> Int { (offset + alignment - 1) / alignment * alignment }
        let mapOffset = aligned(MemoryLayout<Constants>.stride, MemoryLayout<DayMap>.alignment)
        let piecesOffset = aligned(mapOffset + MemoryLayout<DayMap>.stride, MemoryLayout<Piece>.alignment)
        let inputsOffset = aligned(piecesOffset + pieceCapacity * MemoryLayout<Piece>.stride, MemoryLayout<Input>.alignment)
        let byteCount = inputsOffset + inputCapacity * MemoryLayout<Input>.stride
        let alignment = max(MemoryLayout<Constants>.alignment, MemoryLayout<DayMap>.alignment, MemoryLayout<Piece>.alignment,
                            MemoryLayout<Input>.alignment)
        storage = .allocate(byteCount: byteCount, alignment: alignment)
        constants = storage.bindMemory(to: Constants.self, capacity: 1)
        constants.initialize(to: Constants(ka: 0, k: 0, delta: 0, bioavailability: 0, inverseVolume: 0, peakTimeConstantH: 0,
                                           carriedSlotMask: .zero))
        dayMap = (storage + mapOffset).bindMemory(to: DayMap.self, capacity: 1)
        dayMap.initialize(to: DayMap(constants: constants.pointee, pieces: UnsafeBufferPointer(start: nil, count: 0),
                                     inputs: UnsafeBufferPointer(start: nil, count: 0), slotCount: 0))
        pieces = UnsafeMutableBufferPointer(start: (storage + piecesOffset).bindMemory(to: Piece.self, capacity: pieceCapacity),
                                            count: 0)
        inputs = UnsafeMutableBufferPointer(start: (storage + inputsOffset).bindMemory(to: Input.self, capacity: inputCapacity),
                                            count: 0)
        slotCount = 0
    }

    /// Refills this kernel (made by ``init()``) with the 1-cmt oral tables of `model` and dose
    /// slots at `doseClockTimesH`, in place: the same tables, bit for bit, as
    /// `OneCompartmentOralDayKernel(DailyExposureKernel(model:doseClockTimesH:))`. Returns false,
    /// changing nothing, where that kernel would not be the 1-cmt oral parent case or its
    /// initializer would throw (the caller then builds it that way, for the same error).
    ///
    /// - Complexity: O(slots²); no allocation.
    func rebuild(model: LinearPKModel, doseClockTimesH: [Double]) -> Bool {
        guard model.hasAbsorption, !model.isTwoCompartment, !model.hasMetabolite,
              (1...DailyExposureKernel.maximumSlots).contains(doseClockTimesH.count),
              model.lagTimeH < DailyExposureKernel.dayH else { return false }
        for time in doseClockTimesH where !(time >= 0 && time < DailyExposureKernel.dayH) { return false }
        let lag = model.lagTimeH, dayH = DailyExposureKernel.dayH
        let count = doseClockTimesH.count
        inputs = UnsafeMutableBufferPointer(start: inputs.baseAddress, count: count)
        var mask = SIMD8<Double>(repeating: 0)
        // As `DailyExposureKernel.init`: inputs by (offset, slot) (a strict order, so any sort
        // gives the same table), then one piece per distinct landing time after midnight.
        for slot in 0..<count {
            let landing = doseClockTimesH[slot] + lag
            let input = landing >= dayH ? DailyExposureKernel.Input(slot: slot, offsetH: landing - dayH, isCarried: true)
                                        : DailyExposureKernel.Input(slot: slot, offsetH: landing, isCarried: false)
            if input.isCarried { mask[slot] = 1 }
            var j = slot
            while j > 0 && (input.offsetH, input.slot) < (inputs[j - 1].offsetH, inputs[j - 1].slot) {
                inputs[j] = inputs[j - 1]
                j -= 1
            }
            inputs[j] = input
        }
        var pieceCount = 0
        var start = 0.0
        var next = 0
        while true {
            while next < count && !(inputs[next].offsetH > start) { next += 1 }
            let end = next < count ? inputs[next].offsetH : dayH
            let piece = model.transition(overH: end - start)
            (pieces.baseAddress! + pieceCount).initialize(to: DailyExposureKernel.OneCompartmentOralPiece(
                startH: start, endH: start + piece.intervalH, lengthH: piece.intervalH, gutDecay: piece.gutDecay,
                centralFromGut: piece.centralRow.gut, centralFromCentral: piece.centralRow.central,
                aucFromGut: piece.centralIntegralRow.gut, aucFromCentral: piece.centralIntegralRow.central))
            pieceCount += 1
            if next == count { break }
            start = end
        }
        pieces = UnsafeMutableBufferPointer(start: pieces.baseAddress, count: pieceCount)
        let k = model.k10
        constants.pointee = DailyExposureKernel.OralConstants(
            ka: model.absorptionRatePerH, k: k, delta: model.absorptionRatePerH - k, bioavailability: model.bioavailability,
            inverseVolume: model.inverseCentralVolume,
            peakTimeConstantH: LinearPKModel.log1pOverX((model.absorptionRatePerH - k) / k) / k, carriedSlotMask: mask)
        slotCount = count
        dayMap.pointee = DayMap(constants: constants.pointee, pieces: UnsafeBufferPointer(pieces), inputs: UnsafeBufferPointer(inputs),
                                slotCount: count)
        return true
    }

    /// The fast form of `kernel`, or nil when it is not the 1-cmt oral parent case.
    init?(_ kernel: DailyExposureKernel) {
        guard kernel.isOneCompartmentOral else { return nil }
        typealias Constants = DailyExposureKernel.OralConstants
        typealias Piece = DailyExposureKernel.OneCompartmentOralPiece
        typealias Input = DailyExposureKernel.Input
        func aligned(_ offset: Int, _ alignment: Int) -> Int { (offset + alignment - 1) / alignment * alignment }
        let mapOffset = aligned(MemoryLayout<Constants>.stride, MemoryLayout<DayMap>.alignment)
        let piecesOffset = aligned(mapOffset + MemoryLayout<DayMap>.stride, MemoryLayout<Piece>.alignment)
        let inputsOffset = aligned(piecesOffset + kernel.oralPieces.count * MemoryLayout<Piece>.stride, MemoryLayout<Input>.alignment)
        let byteCount = inputsOffset + kernel.inputs.count * MemoryLayout<Input>.stride
        let alignment = max(MemoryLayout<Constants>.alignment, MemoryLayout<DayMap>.alignment, MemoryLayout<Piece>.alignment,
                            MemoryLayout<Input>.alignment)
        storage = .allocate(byteCount: byteCount, alignment: alignment)
        constants = storage.bindMemory(to: Constants.self, capacity: 1)
        constants.initialize(to: kernel.oralConstants)
        dayMap = (storage + mapOffset).bindMemory(to: DayMap.self, capacity: 1)
        dayMap.initialize(to: DayMap(constants: kernel.oralConstants, pieces: kernel.oralPieces, inputs: kernel.inputs,
                                     slotCount: kernel.slotCount))
        pieces = UnsafeMutableBufferPointer(start: (storage + piecesOffset).bindMemory(to: Piece.self, capacity: kernel.oralPieces.count),
                                            count: kernel.oralPieces.count)
        _ = pieces.initialize(from: kernel.oralPieces)
        inputs = UnsafeMutableBufferPointer(start: (storage + inputsOffset).bindMemory(to: Input.self, capacity: kernel.inputs.count),
                                            count: kernel.inputs.count)
        _ = inputs.initialize(from: kernel.inputs)
        slotCount = kernel.slotCount
    }

    deinit {
        // Trivial types only: nothing to deinitialize.
        storage.deallocate()
    }

    /// ``DailyExposureKernel/advanceDay(_:doseAmountsMg:)`` (vector form).
    func advanceDay(_ state: inout DailyExposureKernel.State, doseAmountsMg amounts: SIMD8<Double>) -> DailyExposure {
        tables.advanceDay(&state, doseAmountsMg: amounts, computingPeaks: true)
    }

    /// A trivially copyable view of this kernel's tables, valid while the kernel lives: the
    /// engine keeps one per subject and kernel group so that a day's call retains nothing.
    var tables: Tables {
        Tables(constants: UnsafePointer(constants), pieces: UnsafeBufferPointer(pieces), inputs: UnsafeBufferPointer(inputs), slotCount: slotCount,
               dayMap: UnsafePointer(dayMap))
    }

    /// The whole day as one linear map (the day is linear in its start amounts and inputs):
    /// per unit of start gut amount, start central amount and each slot's input, the end gut
    /// amount, end central amount and AUC (lanes x, y, z), found once per subject by running
    /// the piece walk on unit inputs. A day without peaks or troughs is then a few
    /// multiply-adds. Same exact solution as the walk; the sums associate differently, so
    /// results agree to rounding (about 1e-16 relative), not bit for bit.
    struct DayMap: Sendable {
        var fromGut: SIMD4<Double>
        var fromCentral: SIMD4<Double>
        /// The kernel's carried-slot mask, and whether any slot lands past midnight.
        var carriedSlotMask: SIMD8<Double>
        var hasCarriedSlots: Bool
        /// Per slot (lanes past `slotCount` zero): per mg of the slot's dose landing today
        /// (yesterday's amount for a slot carried past midnight, today's otherwise).
        var fromSlot: (SIMD4<Double>, SIMD4<Double>, SIMD4<Double>, SIMD4<Double>,
                       SIMD4<Double>, SIMD4<Double>, SIMD4<Double>, SIMD4<Double>)

        init(constants: DailyExposureKernel.OralConstants, pieces: [DailyExposureKernel.OneCompartmentOralPiece],
             inputs: [DailyExposureKernel.Input], slotCount: Int) {
            self = pieces.withUnsafeBufferPointer { pieces in
                inputs.withUnsafeBufferPointer { inputs in DayMap(constants: constants, pieces: pieces, inputs: inputs, slotCount: slotCount) }
            }
        }

        /// The same, from tables in memory.
        init(constants: DailyExposureKernel.OralConstants, pieces: UnsafeBufferPointer<DailyExposureKernel.OneCompartmentOralPiece>,
             inputs: UnsafeBufferPointer<DailyExposureKernel.Input>, slotCount: Int) {
            func response(gut: Double, central: Double, slot: Int?) -> SIMD4<Double> {
                var state = DailyExposureKernel.State(amounts: LinearPKState(gutMg: gut, centralMg: central))
                var amounts = SIMD8<Double>(repeating: 0)
                if let slot {
                    if constants.carriedSlotMask[slot] != 0 { state.carriedInputsMg[slot] = 1 } else { amounts[slot] = 1 }
                }
                let exposure = DailyExposureKernel.oneCompartmentOralDay(&state, doseAmountsMg: amounts, pieces: pieces, inputs: inputs,
                                                                         constants: constants, computingPeaks: false)
                return SIMD4(state.amounts.gutMg, state.amounts.centralMg, exposure.aucMgHPerL, 0)
            }
            carriedSlotMask = constants.carriedSlotMask
            hasCarriedSlots = any(constants.carriedSlotMask .!= 0)
            fromGut = response(gut: 1, central: 0, slot: nil)
            fromCentral = response(gut: 0, central: 1, slot: nil)
            // A tuple, not an array: no allocation per subject.
            func slot(_ j: Int) -> SIMD4<Double> { j < slotCount ? response(gut: 0, central: 0, slot: j) : .zero }
            fromSlot = (slot(0), slot(1), slot(2), slot(3), slot(4), slot(5), slot(6), slot(7))
        }
    }

    /// The kernel's constants and tables (memory owned by the kernel object).
    struct Tables {
        /// Behind a pointer, like the rest, so that the tables are a few words to copy.
        let constants: UnsafePointer<DailyExposureKernel.OralConstants>
        let pieces: UnsafeBufferPointer<DailyExposureKernel.OneCompartmentOralPiece>
        let inputs: UnsafeBufferPointer<DailyExposureKernel.Input>
        /// Dose slots per day.
        let slotCount: Int
        /// The day as one linear map (for days that need neither Cmax nor Cmin); behind a
        /// pointer so that copying the tables stays small.
        let dayMap: UnsafePointer<DayMap>

        /// One day through the linear map: exact AUC, Cavg and end state (to rounding, see
        /// `DayMap`); Cmax, Tmax and Cmin are NaN.
        @inline(__always)
        func advanceDayWithoutExtremes(_ state: inout DailyExposureKernel.State, doseAmountsMg amounts: SIMD8<Double>) -> DailyExposure {
            let map = dayMap
            // The input landing today per slot: yesterday's for carried slots, today's otherwise.
            var landing = amounts
            if map.pointee.hasCarriedSlots {
                let mask = map.pointee.carriedSlotMask
                let carried: SIMD8<Double> = mask * state.carriedInputsMg
                landing = carried + (1 - mask) * amounts
                state.carriedInputsMg = mask * amounts
            }
            var v: SIMD4<Double> = map.pointee.fromGut * state.amounts.gutMg
            v += map.pointee.fromCentral * state.amounts.centralMg
            v += map.pointee.fromSlot.0 * landing[0]
            if slotCount > 1 { v += map.pointee.fromSlot.1 * landing[1] }
            if slotCount > 2 { v += map.pointee.fromSlot.2 * landing[2] }
            if slotCount > 3 {
                v += map.pointee.fromSlot.3 * landing[3]
                v += map.pointee.fromSlot.4 * landing[4]
                v += map.pointee.fromSlot.5 * landing[5]
                v += map.pointee.fromSlot.6 * landing[6]
                v += map.pointee.fromSlot.7 * landing[7]
            }
            // Without carried slots `carriedInputsMg` stays zero, as the full day leaves it.
            state.amounts = LinearPKState(gutMg: v.x, centralMg: v.y)
            return DailyExposure(aucMgHPerL: v.z, cavgMgPerL: v.z / DailyExposureKernel.dayH, cmaxMgPerL: .nan, tmaxH: .nan,
                                 cminMgPerL: .nan)
        }

        /// One day (`DailyExposureKernel.oneCompartmentOralDay`); with `computingPeaks` false
        /// Cmax and Tmax are NaN and the peaks' `log1p`/`exp` are skipped.
        @inline(__always)
        func advanceDay(_ state: inout DailyExposureKernel.State, doseAmountsMg amounts: SIMD8<Double>,
                        computingPeaks: Bool) -> DailyExposure {
            DailyExposureKernel.oneCompartmentOralDay(&state, doseAmountsMg: amounts, pieces: pieces, inputs: inputs,
                                                      constants: constants.pointee, computingPeaks: computingPeaks)
        }
    }
}
