import SegmentPlugin

/// A session's copy of what it needs per segment code: the name as a column value, its rank and its JSON text.
/// Codes are assigned by `MigrationState`; the cache refreshes when a code it has not seen turns up.
struct SegmentCodeCache {
    private let settings: MigrationSettings
    private var modelNames: [String] = []
    private var modelCodes: [UInt16] = []

    /// Segment name by code (code 0 = no segment = empty).
    private(set) var names: [String] = [""]
    /// Rank by code.
    private(set) var ranks: [Int] = [0]
    /// `previous_segment` value by code (`missing` for code 0).
    private(set) var values: [PluginValue] = [.missing]
    /// `migration` value by `Migration.rawValue`.
    let migrationValues = Migration.allCases.map { PluginValue.text($0.name) }

    init(settings: MigrationSettings) {
        self.settings = settings
    }

    /// Codes of the model's segments, by segment id.
    mutating func codes(forModel segmentNames: [String], state: MigrationState) throws(PluginError) -> [UInt16] {
        if segmentNames == modelNames { return modelCodes }
        var codes: [UInt16] = []
        for name in segmentNames { codes.append(try state.code(for: name)) }
        modelNames = segmentNames
        modelCodes = codes
        reload(state.segmentNames)
        return codes
    }

    /// Makes sure `code` is known.
    @inline(__always)
    mutating func refresh(covering code: UInt16, state: MigrationState) {
        if Int(code) >= names.count { reload(state.segmentNames) }
    }

    private mutating func reload(_ allNames: [String]) {
        for name in allNames.dropFirst(names.count) {
            names.append(name)
            ranks.append(settings.rank(of: name))
            values.append(.text(name))
        }
    }
}
