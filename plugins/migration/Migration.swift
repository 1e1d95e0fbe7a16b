/// How a customer's segment changed with one file: the `migration` column.
enum Migration: Int, CaseIterable, Sendable {
    /// The customer had no segment before (first time seen).
    case new
    /// The customer stayed in the same segment, or moved to a segment of equal rank.
    case same
    /// The customer moved to a segment of higher rank.
    case upgrade
    /// The customer moved to a segment of lower rank.
    case downgrade

    /// The value written in the `migration` column and the artifact's `direction`.
    var name: String {
        switch self {
        case .new: "new"
        case .same: "same"
        case .upgrade: "upgrade"
        case .downgrade: "downgrade"
        }
    }

    /// The migration from segment code `previous` (0 = none) of rank `previousRank` to code `current` of rank
    /// `currentRank`.
    @inline(__always)
    static func between(previous: UInt16, previousRank: Int, current: UInt16, currentRank: Int) -> Migration {
        if previous == 0 { return .new }
        if currentRank > previousRank { return .upgrade }
        if currentRank < previousRank { return .downgrade }
        return .same
    }
}
