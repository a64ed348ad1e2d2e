#if canImport(Glibc)
    import Glibc
#endif

/// Timestamps as the API writes them, from microseconds since 1970 UTC.
enum TimeFormat {
    /// `2026-12-03T15:29:14.123456Z`, the shape of every `*_time` field.
    static func utc(_ micros: Int64) -> String {
        stamp(micros) + "Z"
    }

    /// `2021-08-18T09:24:10.298796+00:00`, the shape of `token_validity_begin`.
    static func offset(_ micros: Int64) -> String {
        stamp(micros) + "+00:00"
    }

    private static func stamp(_ micros: Int64) -> String {
        var seconds = time_t(micros / 1_000_000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let date = [
            pad(Int(parts.tm_year) + 1900, 4), pad(Int(parts.tm_mon) + 1, 2),
            pad(Int(parts.tm_mday), 2),
        ].joined(separator: "-")
        let time = [
            pad(Int(parts.tm_hour), 2), pad(Int(parts.tm_min), 2),
            pad(Int(parts.tm_sec), 2),
        ].joined(separator: ":")
        return date + "T" + time + "." + pad(Int(micros % 1_000_000), 6)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
