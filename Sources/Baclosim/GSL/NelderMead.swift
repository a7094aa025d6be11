@preconcurrency import CGSL

/// Unconstrained minimisation by the Nelder–Mead simplex method, through GSL's
/// `gsl_multimin_fminimizer_nmsimplex2` (derivative-free: the calibration objective is a Monte
/// Carlo estimate with common random numbers, smooth only at the scale of the subjects' discrete
/// events, so no gradient is available).
///
/// The objective is a Swift closure; GSL calls a plain C function (``nelderMeadCallback``) that
/// finds the closure through the `params` pointer (a C function pointer cannot capture context;
/// a known pitfall of GSL's C callbacks). GSL keeps the `gsl_multimin_function` pointer it is given for
/// the life of the minimiser, so that struct is heap-allocated (pitfall 5).
public enum NelderMead {
    /// The outcome of a minimisation.
    public struct Result: Sendable, Equatable {
        /// The best point found.
        public var x: [Double]
        /// The objective there.
        public var value: Double
        /// Iterations done.
        public var iterations: Int
        /// Objective evaluations done (each iteration takes one or more; the start simplex n + 1).
        public var evaluations: Int
        /// Whether the simplex shrank below the size tolerance (otherwise the iteration limit stopped it).
        public var converged: Bool
        /// The simplex's final characteristic size (`gsl_multimin_fminimizer_size`).
        public var simplexSize: Double
    }

    /// Why a minimisation stopped without a result.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong.
        public var description: String
    }

    /// Minimises `objective` from `start`.
    ///
    /// - Parameters:
    ///   - start: the start point (n ≥ 1 coordinates).
    ///   - step: the initial simplex's step per coordinate (> 0).
    ///   - maxIterations: iteration limit.
    ///   - sizeTolerance: stop when the simplex size falls below this.
    ///   - objective: the function; a thrown error stops the minimisation and is rethrown.
    /// - Throws: the objective's error, or ``Failure`` for a non-finite objective value or a GSL error.
    public static func minimize(start: [Double], step: [Double], maxIterations: Int, sizeTolerance: Double,
                                objective: ([Double]) throws -> Double) throws -> Result {
        precondition(!start.isEmpty && start.count == step.count, "start and step need the same, positive, length")
        GSL.configure()
        return try withoutActuallyEscaping(objective) { escapable in
            let box = NelderMeadContext(objective: escapable, dimension: start.count)
            let n = start.count
            let function = UnsafeMutablePointer<gsl_multimin_function>.allocate(capacity: 1)
            function.initialize(to: gsl_multimin_function(f: nelderMeadCallback, n: n,
                                                          params: Unmanaged.passUnretained(box).toOpaque()))
            let x = gsl_vector_alloc(n)!, steps = gsl_vector_alloc(n)!
            let minimizer = gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, n)!
            defer {
                gsl_multimin_fminimizer_free(minimizer)
                gsl_vector_free(x)
                gsl_vector_free(steps)
                function.deinitialize(count: 1)
                function.deallocate()
            }
            for i in 0..<n {
                gsl_vector_set(x, i, start[i])
                gsl_vector_set(steps, i, step[i])
            }
            let status = gsl_multimin_fminimizer_set(minimizer, function, x, steps)
            try box.check(status, during: "setting up the simplex")
            var iterations = 0
            var converged = false
            var size = gsl_multimin_fminimizer_size(minimizer)
            while iterations < maxIterations {
                iterations += 1
                try box.check(gsl_multimin_fminimizer_iterate(minimizer), during: "iteration \(iterations)")
                size = gsl_multimin_fminimizer_size(minimizer)
                if size < sizeTolerance {
                    converged = true
                    break
                }
            }
            let best = (0..<n).map { gsl_vector_get(minimizer.pointee.x, $0) }
            return Result(x: best, value: minimizer.pointee.fval, iterations: iterations, evaluations: box.evaluations,
                          converged: converged, simplexSize: size)
        }
    }
}

/// What the C callback needs: the objective, the first error it threw, and a reusable argument buffer.
final class NelderMeadContext {
    let objective: ([Double]) throws -> Double
    var error: (any Error)?
    var evaluations = 0
    var point: [Double]

    init(objective: @escaping ([Double]) throws -> Double, dimension: Int) {
        self.objective = objective
        point = Array(repeating: 0, count: dimension)
    }

    /// Rethrows the objective's error, or a ``NelderMead/Failure`` for a GSL status other than success.
    func check(_ status: Int32, during step: String) throws {
        if let error { throw error }
        guard status == Int32(GSL_SUCCESS) else {
            let reason = gsl_strerror(status).map { String(cString: $0) } ?? "status \(status)"
            throw NelderMead.Failure(description: "Nelder–Mead failed in \(step): \(reason)")
        }
    }
}

/// GSL's objective callback: a plain function, so it converts to a C function pointer. After an
/// error it returns NaN, which makes GSL stop with `GSL_EBADFUNC`; the error itself is rethrown.
func nelderMeadCallback(_ x: UnsafePointer<gsl_vector>?, _ params: UnsafeMutableRawPointer?) -> Double {
    guard let x, let params else { return .nan }
    let context = Unmanaged<NelderMeadContext>.fromOpaque(params).takeUnretainedValue()
    guard context.error == nil else { return .nan }
    for i in context.point.indices { context.point[i] = gsl_vector_get(x, i) }
    context.evaluations += 1
    do {
        let value = try context.objective(context.point)
        return value.isFinite ? value : .nan
    } catch {
        context.error = error
        return .nan
    }
}
