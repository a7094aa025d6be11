import Foundation
#if MPI
import CMPI
#endif

/// The `--mpi` back-end: under `mpirun -np N baclosim run|trial|psa … --mpi`, rank 0 hands out
/// work units (a run's blocks of subjects, a trial's replicates, a PSA's draws) one at a time to
/// ranks 1 … N − 1 as they ask for work (dynamic load balancing: units differ in cost), takes back
/// each unit's result as bytes and consumes the results in unit order, so the outputs are the
/// ones a single process writes. Rank 0 only coordinates and writes (sleeping between polls, so
/// it takes next to no CPU); with `-np 1` it does the work itself.
///
/// Built only with the package trait `MPI` (`swift build --traits default,MPI`, Debian
/// `libopenmpi-dev`); without it `--mpi` is refused with how to build it.
final class MPIWorkFarm {
    /// This process's rank and the number of ranks.
    let rank: Int
    let size: Int

    var isRoot: Bool { rank == 0 }

    /// Who computed the units, for the final message: `computed by 2 MPI worker ranks`.
    var ranksPhrase: String {
        size == 1 ? "computed by MPI rank 0 alone" : "computed by \(size - 1) MPI worker rank\(size == 2 ? "" : "s")"
    }

    private enum Tag: Int32 {
        /// Worker → root: ready for a unit (first message), or a finished unit's result.
        case request = 1, result = 2
        /// Worker → root: the unit failed (the message).
        case failure = 3
        /// Root → worker: a unit's index, or stop.
        case work = 4, stop = 5
    }

    /// An error on rank 0 after the workers were told to stop (no abort needed).
    struct RootError: Error {
        let underlying: any Error
    }

    /// Starts MPI for this process.
    /// - Throws: ``CommandLineError`` when this binary was built without the MPI trait.
    init() throws {
        #if MPI
        var provided: Int32 = 0
        MPI_Init_thread(nil, nil, cmpi_thread_funneled(), &provided)
        var rank: Int32 = 0, size: Int32 = 0
        MPI_Comm_rank(cmpi_comm_world(), &rank)
        MPI_Comm_size(cmpi_comm_world(), &size)
        self.rank = Int(rank)
        self.size = Int(size)
        #else
        throw CommandLineError("--mpi: this baclosim was built without MPI. Build it with the MPI trait: apt-get install libopenmpi-dev openmpi-bin, then swift build -c release --traits default,MPI (see scripts/cluster/README.md); or use --shard K/N with baclosim merge.")
        #endif
    }

    /// Ends MPI for this process (every rank, once).
    func finish() {
        #if MPI
        MPI_Finalize()
        #endif
    }

    /// Stops every rank after an error on this one (the message is printed first), so no rank is
    /// left waiting for work. Does not return.
    func abort(message: String) -> Never {
        printToStandardError("Error: " + message)
        #if MPI
        MPI_Abort(cmpi_comm_world(), 1)
        #endif
        exit(1)
    }

    /// Root: hands `units` out to the workers and gives each result to `consume` in the order of
    /// `units` (one call at a time, on this thread). Workers: compute units with `compute` until
    /// told to stop. With one rank, the root computes every unit itself.
    /// - Throws: on the root, the error of the lowest failed unit (as the message the worker
    ///   sent), or what `consume` throws; on a worker, nothing (a failure is sent to the root).
    func run(units: [Int], compute: (Int) throws -> [UInt8], consume: (Int, [UInt8]) throws -> Void) throws {
        #if MPI
        if size == 1 {
            for unit in units { try consume(unit, try compute(unit)) }
            return
        }
        if isRoot { try distribute(units: units, consume: consume) } else { serve(compute: compute) }
        #endif
    }

    #if MPI
    private struct UnitFailure: Error, CustomStringConvertible {
        let unit: Int
        let description: String
    }

    private func distribute(units: [Int], consume: (Int, [UInt8]) throws -> Void) throws {
        var next = 0, active = size - 1
        var waiting: [Int: [UInt8]] = [:]
        var toConsume = 0
        var failure: UnitFailure?
        while active > 0 {
            let (source, tag, bytes) = receive(from: cmpi_any_source())
            switch tag {
            case Tag.result.rawValue:
                let unit = Self.readInt(bytes)
                waiting[unit] = Array(bytes.dropFirst(8))
            case Tag.failure.rawValue:
                let unit = Self.readInt(bytes)
                let message = String(decoding: bytes.dropFirst(8), as: UTF8.self)
                if failure.map({ unit < $0.unit }) ?? true { failure = UnitFailure(unit: unit, description: message) }
            default:
                break
            }
            // Results in unit order, as far as they have come.
            while failure == nil, toConsume < units.count, let bytes = waiting.removeValue(forKey: units[toConsume]) {
                do { try consume(units[toConsume], bytes) } catch {
                    failure = UnitFailure(unit: units[toConsume], description: "\(error)")
                }
                toConsume += 1
            }
            if failure == nil && next < units.count {
                send(Self.bytes(units[next]), to: source, tag: .work)
                next += 1
            } else {
                send([], to: source, tag: .stop)
                active -= 1
            }
        }
        if let failure { throw failure }
    }

    private func serve(compute: (Int) throws -> [UInt8]) {
        send([], to: 0, tag: .request)
        while true {
            let (_, tag, bytes) = receive(from: 0)
            guard tag == Tag.work.rawValue else { return }
            let unit = Self.readInt(bytes)
            do {
                send(Self.bytes(unit) + (try compute(unit)), to: 0, tag: .result)
            } catch {
                send(Self.bytes(unit) + Array("\(error)".utf8), to: 0, tag: .failure)
            }
        }
    }

    private func send(_ bytes: [UInt8], to destination: Int, tag: Tag) {
        bytes.withUnsafeBufferPointer { buffer in
            _ = MPI_Send(buffer.baseAddress, Int32(buffer.count), cmpi_byte(), Int32(destination), tag.rawValue, cmpi_comm_world())
        }
    }

    /// The next message from `source`. Rank 0 polls with a millisecond's sleep between looks
    /// instead of MPI's busy-waiting probe, so the coordinator leaves its core to a worker.
    private func receive(from source: Int32) -> (source: Int, tag: Int32, bytes: [UInt8]) {
        var status = MPI_Status()
        if isRoot {
            var arrived: Int32 = 0
            while true {
                MPI_Iprobe(source, cmpi_any_tag(), cmpi_comm_world(), &arrived, &status)
                if arrived != 0 { break }
                usleep(1_000)
            }
        } else {
            MPI_Probe(source, cmpi_any_tag(), cmpi_comm_world(), &status)
        }
        var count: Int32 = 0
        MPI_Get_count(&status, cmpi_byte(), &count)
        var bytes = [UInt8](repeating: 0, count: Int(count))
        let from = status.MPI_SOURCE, tag = status.MPI_TAG
        bytes.withUnsafeMutableBufferPointer { buffer in
            _ = MPI_Recv(buffer.baseAddress, count, cmpi_byte(), from, tag, cmpi_comm_world(), &status)
        }
        return (Int(from), tag, bytes)
    }
    #endif

    /// A unit index as 8 bytes, little-endian.
    static func bytes(_ value: Int) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: UInt64(bitPattern: Int64(value)) >> UInt64(8 * $0)) }
    }

    static func readInt(_ bytes: [UInt8]) -> Int {
        var v: UInt64 = 0
        for i in 0..<min(8, bytes.count) { v |= UInt64(bytes[i]) << UInt64(8 * i) }
        return Int(Int64(bitPattern: v))
    }
}
