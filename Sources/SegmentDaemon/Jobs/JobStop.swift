import Glibc
import SegmentSupport
import Synchronization

/// Ends a ``FileJob`` early; `FileJob.run()` turns it into a ``JobOutcome``.
struct JobStop: Error {
    enum Kind {
        /// The input itself is the problem: move it to the failed directory.
        case fail
        /// The outbox cannot take output now: keep the input, pause, retry when it can.
        case deferOutbox
        /// Something else in the environment: keep the input, retry later.
        case deferOther
        /// Nothing to do now.
        case skip
    }

    let kind: Kind
    let reason: String
    /// Why the input failed, for the failed manifest's `failure.reason` (``Kind/fail`` only).
    let code: FailureCode
    /// What scoring published before the input failed (`too_many_rejects`: the rejects file and artifacts).
    var scoring: FailedScoring?

    static func fail(_ code: FailureCode, _ reason: String) -> JobStop {
        JobStop(kind: .fail, reason: reason, code: code)
    }
    static func deferOutbox(_ reason: String) -> JobStop { JobStop(kind: .deferOutbox, reason: reason) }
    static func deferOther(_ reason: String) -> JobStop { JobStop(kind: .deferOther, reason: reason) }
    static func skip(_ reason: String) -> JobStop { JobStop(kind: .skip, reason: reason) }

    private init(kind: Kind, reason: String, code: FailureCode = .invalidInput) {
        self.kind = kind
        self.reason = reason
        self.code = code
    }

    /// A failed system call of the daemon's own: a full or read-only disk pauses intake, a name too long for the
    /// filesystem (which no retry can change) fails the input, anything else is retried.
    init(_ error: Errno) {
        if error.code == ENAMETOOLONG {
            self.init(
                kind: .fail,
                reason: "A name made from it is too long for the filesystem: \(error). "
                    + "Give the file a shorter name and put it back into the inbox.",
                code: .nameTooLong)
            return
        }
        self.init(kind: error.isOutOfSpace || error.isNotWritable ? .deferOutbox : .deferOther, reason: "\(error)")
    }
}

/// Tells a running ``FileJob`` that shutdown gave up waiting for it.
final class HandBackFlag: Sendable {
    private let value = Atomic<Bool>(false)

    /// True once ``set()`` was called.
    var isSet: Bool { value.load(ordering: .acquiring) }

    /// Asks the job to stop at its next step.
    func set() {
        value.store(true, ordering: .releasing)
    }
}
