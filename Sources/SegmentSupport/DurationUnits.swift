extension Duration {
    /// The duration in seconds: what summaries, metrics, `poll` timeouts and back-off arithmetic take. Exact to the
    /// nanosecond for anything shorter than about a hundred days, which every duration segmentd keeps is.
    package var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }

    /// Whole milliseconds, truncated toward zero: what logs, status documents and configuration texts print.
    package var inWholeMilliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }

    /// Whole nanoseconds, truncated toward zero: what NIO's `TimeAmount` is built from.
    package var inWholeNanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}
