import Foundation

/// Something about a trained model worth a second look that does not stop training: a segment too small to trust,
/// or an archetype name given to a segment that runs against its signature. The trainer returns these as values;
/// the command line shows them, so the numeric core never prints.
package struct TrainingWarning: Sendable, Equatable, CustomStringConvertible {
    private enum Code: Sendable, Equatable {
        case tinySegment
        case negativeFit
    }

    private let code: Code
    /// The segment the warning is about.
    package let segment: Int
    /// What is odd, and what to do about it.
    package let message: String

    private init(_ code: Code, segment: Int, _ message: String) {
        self.code = code
        self.segment = segment
        self.message = message
    }

    package var description: String { message }

    /// Share of the training rows under which a segment is tiny.
    package static let tinyShare = 0.01

    /// The warnings for a trained model: every segment under ``tinyShare`` of the rows, and every archetype whose
    /// segment fits its signature negatively (the segment's profile leans the other way on average).
    package static func warnings(for model: SegmentModel) -> [TrainingWarning] {
        let rows = model.segments.reduce(0) { $0 + $1.size }
        var warnings: [TrainingWarning] = []
        for segment in model.segments {
            if Double(segment.size) < tinyShare * Double(rows) {
                warnings.append(
                    TrainingWarning(
                        .tinySegment, segment: segment.id,
                        "segment \(segment.id) (\(segment.name)) holds \(segment.size) of \(rows) rows "
                            + "(\(percent(segment.share))), under 1%: its profile and name rest on few customers. "
                            + "Train with a smaller --k, or on more rows."))
            }
            if segment.nameScore < 0 {
                warnings.append(
                    TrainingWarning(
                        .negativeFit, segment: segment.id,
                        "the archetype \"\(segment.name)\" landed on segment \(segment.id) with a negative fit "
                            + "(\(fixed(segment.nameScore))): the segment's profile runs against the archetype's "
                            + "signature, so the name is probably wrong. Check that archetype's signature in the "
                            + "segments file, or train with another --k."))
            }
        }
        return warnings
    }

    private static func percent(_ share: Double) -> String { String(format: "%.2f%%", share * 100) }

    private static func fixed(_ value: Double) -> String { String(format: "%.3f", value) }
}
