/// A condition checked over and over (each tick, each request) reported once: when it starts, again when it changes,
/// and once when it clears, rather than on every check.
package struct RepeatedProblem: Sendable {
    private var last: String?

    package init() {}

    /// Records `problem`; true when it differs from the one outstanding, so the caller reports it.
    package mutating func report(_ problem: String) -> Bool {
        defer { last = problem }
        return last != problem
    }

    /// Records that the condition is gone; true when a problem was outstanding, so the caller reports the recovery.
    package mutating func clear() -> Bool {
        defer { last = nil }
        return last != nil
    }
}
