import SegmentPlugin

/// A session's copy of what it needs per segment code: the name as a column value, its rank, its model lineage.
/// Codes are assigned by `MigrationState`; the cache refreshes when a code it has not seen turns up.
struct SegmentCodeCache {
    private let settings: MigrationSettings
    private var modelNames: [String] = []
    private var modelLineage = ""
    private var modelCodes: [UInt16] = []

    /// Segment name by code (code 0 = no segment = empty).
    private(set) var names: [String] = [""]
    /// Rank by code.
    private(set) var ranks: [Int] = [0]
    /// Model lineage by code (empty: not known).
    private(set) var lineages: [String] = [""]
    /// `previous_segment` value by code (`missing` for code 0).
    private(set) var values: [PluginValue] = [.missing]
    /// `migration` value by `Migration.rawValue`.
    let migrationValues = Migration.allCases.map { PluginValue.text($0.name) }

    init(settings: MigrationSettings) {
        self.settings = settings
    }

    /// Codes of the model's segments, by segment id, in the model's lineage (empty: not known).
    mutating func codes(
        forModel segmentNames: [String], lineage: String, state: MigrationState
    ) throws(PluginError) -> [UInt16] {
        if segmentNames == modelNames, lineage == modelLineage { return modelCodes }
        var codes: [UInt16] = []
        for name in segmentNames { codes.append(try state.code(for: name, lineage: lineage)) }
        modelNames = segmentNames
        modelLineage = lineage
        modelCodes = codes
        reload(state.segmentKeys)
        return codes
    }

    /// Whether a customer's segment under code `previous` can be compared with code `current`: both codes belong
    /// to one model lineage, or either lineage is not known. Segment ids of models trained apart (no `--previous`
    /// chain between them) are not matched to one another, so a change between them is not a move.
    @inline(__always)
    func comparable(_ previous: UInt16, _ current: UInt16) -> Bool {
        let (from, to) = (lineages[Int(previous)], lineages[Int(current)])
        return from.isEmpty || to.isEmpty || from == to
    }

    /// Makes sure `code` is known.
    @inline(__always)
    mutating func refresh(covering code: UInt16, state: MigrationState) {
        if Int(code) >= names.count { reload(state.segmentKeys) }
    }

    private mutating func reload(_ all: (names: [String], lineages: [String])) {
        for (name, lineage) in zip(all.names, all.lineages).dropFirst(names.count) {
            names.append(name)
            lineages.append(lineage)
            ranks.append(settings.rank(of: name))
            values.append(.text(name))
        }
    }
}
