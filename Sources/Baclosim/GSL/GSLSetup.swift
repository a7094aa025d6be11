@preconcurrency import CGSL

/// Process-wide GSL settings and facts.
public enum GSL {
    /// Evaluated once, thread-safely (a `static let` is initialised under `swift_once`).
    private static let errorHandlerDisabled: Bool = {
        _ = gsl_set_error_handler_off()
        return true
    }()

    /// Turns GSL's error handler off, process-wide and once; safe to call from any thread, any
    /// number of times. By default GSL *aborts the process* on any error (a non-positive-definite
    /// matrix, a domain error); with the handler off, functions return a status code instead and
    /// Baclosim turns each into a Swift error (`RandomError`). Every Baclosim type that calls GSL
    /// calls this first, so callers need not; calling it before starting workers is harmless.
    public static func configure() {
        _ = errorHandlerDisabled
    }

    /// The GSL version Baclosim was compiled against (the `GSL_VERSION` header macro), for run
    /// manifests.
    public static let version: String = GSL_VERSION
}
