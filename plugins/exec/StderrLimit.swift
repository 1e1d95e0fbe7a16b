/// How many of a child's stderr lines are logged one by one: at most `lines` per interval of `interval` seconds
/// (an interval starts with the first line after the previous one ended); the lines beyond are held back and
/// counted, and the count is logged once, when the interval ends or stderr closes. A child that floods stderr
/// thus costs the log `lines` lines and one summary per interval, whatever it writes.
///
/// Pure bookkeeping: the ``StderrLogger`` calls it on its queue and does the logging and the timing.
struct StderrLimit: Sendable {
    /// Lines logged one by one per interval.
    let lines: Int
    /// Seconds of one interval.
    let interval: Double
    /// When the current interval ends; nil before the first line and after a summary.
    private(set) var intervalEnd: ContinuousClock.Instant?
    private var logged = 0
    private var held = 0
    private var lastHeld: LineSplitter.Line?

    init(lines: Int, interval: Double) {
        self.lines = lines
        self.interval = interval
    }

    /// What to do with a line that arrived.
    struct Decision {
        /// The summary of the previous interval, to be logged first, if it held lines back.
        var summary: String?
        /// Whether to log the line itself; when false it was held back and counted.
        var logLine: Bool
        /// Whether this line was the first held back in its interval (the moment to arrange for the summary).
        var firstHeld: Bool
    }

    /// Whether lines were held back in the current interval.
    var isHolding: Bool { held > 0 }

    /// Decides about `line`, arriving at `now`.
    mutating func admit(_ line: LineSplitter.Line, at now: ContinuousClock.Instant = .now) -> Decision {
        var decision = Decision(summary: nil, logLine: true, firstHeld: false)
        if let end = intervalEnd, now >= end { decision.summary = takeSummary() }
        if intervalEnd == nil {
            intervalEnd = now.advanced(by: .seconds(interval))
            logged = 0
        }
        if logged < lines {
            logged += 1
        } else {
            held += 1
            lastHeld = line
            decision.logLine = false
            decision.firstHeld = held == 1
        }
        return decision
    }

    /// The summary of the lines held back in the current interval, if any, which closes the interval; nil when
    /// none were held back.
    mutating func takeSummary() -> String? {
        defer {
            intervalEnd = nil
            held = 0
            lastHeld = nil
        }
        guard held > 0, let lastHeld else { return nil }
        return "\(held) more lines were not logged (stderr_limit allows \(lines) lines per \(interval) s); "
            + "the last: \(AnswerDecoder.quote(lastHeld))"
    }

    /// Closes the interval at `now` if it has ended: its summary, if it held lines back.
    mutating func summaryIfEnded(at now: ContinuousClock.Instant = .now) -> String? {
        guard let end = intervalEnd, now >= end else { return nil }
        return takeSummary()
    }
}
