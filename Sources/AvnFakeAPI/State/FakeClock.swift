#if canImport(Glibc)
    import Glibc
#endif

/// The stand-in's clock: real time plus a test-controlled offset, strictly increasing
/// so that "issued before" comparisons never tie.
struct FakeClock {
    private var offsetMicros: Int64 = 0
    private var lastMicros: Int64 = 0

    /// Microseconds since 1970 UTC, later than every earlier reading.
    mutating func now() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        let real = Int64(spec.tv_sec) * 1_000_000 + Int64(spec.tv_nsec) / 1000
        lastMicros = max(real + offsetMicros, lastMicros + 1)
        return lastMicros
    }

    /// Moves the clock forward; tokens then age as if that time had passed.
    mutating func advance(seconds: Int) {
        offsetMicros += Int64(seconds) * 1_000_000
    }
}
