import SegmentSupport

extension SegmentArchetypes {
    /// Reads a configuration from TOML text (the format of `etc/segments.toml`).
    ///
    /// Unknown keys, missing keys, wrong types, priorities other than "high"/"medium"/"low", empty or
    /// contradictory signatures and duplicate archetype names are rejected. Column names are checked
    /// separately by ``validate(knownColumns:)``, once the model's columns are known.
    ///
    /// - Parameters:
    ///   - toml: the document.
    ///   - source: name used in error messages, typically the file name.
    package init(toml: String, source: String = "segments.toml") throws(SegmentsConfigError) {
        let root: SettingsTable
        do throws(SettingsError) {
            root = try SettingsTable.parse(toml, file: source)
            self = try Self.read(root)
        } catch {
            throw SegmentsConfigError(error)
        }
        try Self.checkNamesAreUnique(archetypes, root: root)
    }

    /// Two archetypes with one name would make the names ambiguous in every output.
    private static func checkNamesAreUnique(
        _ archetypes: [Archetype], root: SettingsTable
    ) throws(SegmentsConfigError) {
        var seen: [String: Int] = [:]
        for (index, archetype) in archetypes.enumerated() {
            if let first = seen[archetype.name] {
                let table = (try? root.tables("archetype"))?[index]
                let position = table?.position(of: "name")
                throw SegmentsConfigError(
                    .duplicateName, source: root.file, keyPath: "archetype[\(index)].name", line: position?.line,
                    column: position?.column,
                    message: "archetype[\(index)].name: archetypes #\(first + 1) and #\(index + 1) are both named "
                        + "\"\(archetype.name)\". Fix: give each archetype its own name")
            }
            seen[archetype.name] = index
        }
    }

    /// The archetypes and fallback of `root`; every key no reader asks for is rejected.
    private static func read(_ root: SettingsTable) throws(SettingsError) -> SegmentArchetypes {
        var archetypes: [Archetype] = []
        for (index, table) in (try root.tables("archetype") ?? []).enumerated() {
            archetypes.append(try readArchetype(table, index: index))
        }
        let fallback = try root.table("fallback").map { table throws(SettingsError) in try readFallback(table) }
        try root.rejectUnreadKeys()
        return SegmentArchetypes(archetypes: archetypes, fallback: fallback ?? FallbackNaming())
    }

    private static func readArchetype(_ table: SettingsTable, index: Int) throws(SettingsError) -> Archetype {
        let name = try table.requiredString("name")
        guard !name.isEmpty else {
            throw table.invalid(
                "name", problem: "archetype #\(index + 1) has an empty name", fix: "give it a display name")
        }
        let context = "in archetype #\(index + 1) (\"\(name)\")"
        let description = try table.requiredString("description")
        let marketingStrategy = try table.requiredString("marketing_strategy")
        let retentionPriority = try priority(in: table, context: context)
        guard let signature = try table.table("signature") else {
            throw table.missing("signature", expected: "a table with 'high' and/or 'low' lists of column names")
        }
        return Archetype(
            name: name, description: description, marketingStrategy: marketingStrategy,
            retentionPriority: retentionPriority, signature: try readSignature(signature, context: context))
    }

    private static func readSignature(_ table: SettingsTable, context: String) throws(SettingsError)
        -> Archetype.Signature
    {
        let high = try columnList("high", in: table, context: context)
        let low = try columnList("low", in: table, context: context)
        guard !(high.isEmpty && low.isEmpty) else {
            throw table.invalidTable(
                problem: "the signature \(context) is empty", fix: "list at least one column under 'high' or 'low'")
        }
        if let both = high.first(where: low.contains) {
            throw table.invalidTable(
                problem: "column '\(both)' is in both 'high' and 'low' \(context)", fix: "keep it in one list")
        }
        return Archetype.Signature(high: high, low: low)
    }

    private static func readFallback(_ table: SettingsTable) throws(SettingsError) -> FallbackNaming {
        let defaults = FallbackNaming()
        let nameFormat = try table.string("name") ?? defaults.nameFormat
        guard nameFormat.contains("{number}") || nameFormat.contains("{id}") else {
            throw table.invalid(
                "name", problem: "fallback name \"\(nameFormat)\" would give every extra segment the same name",
                fix: "include {number} (segment id + 1) or {id}")
        }
        return FallbackNaming(
            nameFormat: nameFormat,
            description: try table.string("description") ?? defaults.description,
            marketingStrategy: try table.string("marketing_strategy") ?? defaults.marketingStrategy,
            retentionPriority: table.contains("retention_priority")
                ? try priority(in: table, context: "in [fallback]") : defaults.retentionPriority)
    }

    private static func priority(in table: SettingsTable, context: String) throws(SettingsError) -> RetentionPriority {
        let text = try table.requiredString("retention_priority")
        guard let priority = RetentionPriority(rawValue: text) else {
            let allowed = RetentionPriority.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw table.invalid(
                "retention_priority", problem: "retention_priority \"\(text)\" \(context) is not allowed",
                fix: "use one of \(allowed)")
        }
        return priority
    }

    private static func columnList(_ key: String, in table: SettingsTable, context: String) throws(SettingsError)
        -> [String]
    {
        let columns = try table.strings(key) ?? []
        var seen = Set<String>()
        for column in columns where !seen.insert(column).inserted {
            throw table.invalid(
                key, problem: "column '\(column)' is listed twice in signature '\(key)' \(context)",
                fix: "list it once")
        }
        return columns
    }
}
