import TOMLKit

/// Reads a `segments.toml` document into ``SegmentArchetypes``, rejecting anything it does not define.
struct SegmentsTOMLReader {
    private typealias Scope = SegmentsTOMLKeyLocator.Scope

    private static let rootKeys = ["archetype", "fallback"]
    private static let archetypeKeys = ["description", "marketing_strategy", "name", "retention_priority", "signature"]
    private static let signatureKeys = ["high", "low"]
    private static let fallbackKeys = ["description", "marketing_strategy", "name", "retention_priority"]

    let text: String
    let source: String
    private let locator: SegmentsTOMLKeyLocator

    init(text: String, source: String) {
        self.text = text
        self.source = source
        self.locator = SegmentsTOMLKeyLocator(text: text)
    }

    func read() throws(SegmentsConfigError) -> SegmentArchetypes {
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let parseError as TOMLParseError {
            throw SegmentsConfigError(
                .syntax, source: source, line: parseError.source.begin.line, column: parseError.source.begin.column,
                message: "invalid TOML: \(parseError.description). Fix the syntax at this position.")
        } catch {
            throw SegmentsConfigError(.syntax, source: source, message: "invalid TOML: \(error)")
        }
        try rejectUnknownKeys(in: root, allowed: Self.rootKeys, path: "", scope: .root, context: "at top level")
        let archetypes = try readArchetypes(root["archetype"])
        let fallback = try root["fallback"].map { value throws(SegmentsConfigError) in try readFallback(value) }
        let configuration = SegmentArchetypes(archetypes: archetypes, fallback: fallback ?? FallbackNaming())
        try checkNamesAreUnique(configuration.archetypes)
        return configuration
    }

    // MARK: Sections

    private func readArchetypes(_ value: (any TOMLValueConvertible)?) throws(SegmentsConfigError) -> [Archetype] {
        guard let value else { return [] }
        guard let array = value.array, array.allSatisfy({ $0.type == .table }) else {
            throw error(
                .wrongType, key: "archetype", scope: .root, path: "archetype",
                "'archetype' must be an array of tables; write each archetype as an [[archetype]] section")
        }
        var archetypes: [Archetype] = []
        for index in array.indices {
            guard let table = array[index].table else { continue }
            archetypes.append(try readArchetype(table, index: index))
        }
        return archetypes
    }

    private func readArchetype(_ table: TOMLTable, index: Int) throws(SegmentsConfigError) -> Archetype {
        let scope = Scope.archetype(index)
        let path = "archetype[\(index)]"
        var context = "in archetype #\(index + 1)"
        try rejectUnknownKeys(in: table, allowed: Self.archetypeKeys, path: path, scope: scope, context: context)
        let name = try requiredString("name", in: table, path: path, scope: scope, context: context)
        guard !name.isEmpty else {
            throw error(
                .invalidValue, key: "name", scope: scope, path: "\(path).name",
                "archetype #\(index + 1) has an empty name; give it a display name")
        }
        context = "in archetype #\(index + 1) (\"\(name)\")"
        let signatureValue = table["signature"]
        guard let signatureValue else {
            throw missing("signature", scope: scope, path: path, context: context)
        }
        guard let signatureTable = signatureValue.table else {
            throw error(
                .wrongType, key: "signature", scope: scope, path: "\(path).signature",
                "'signature' \(context) must be a table with 'high' and/or 'low' lists of column names")
        }
        return Archetype(
            name: name,
            description: try requiredString("description", in: table, path: path, scope: scope, context: context),
            marketingStrategy: try requiredString(
                "marketing_strategy", in: table, path: path, scope: scope, context: context),
            retentionPriority: try priority(in: table, path: path, scope: scope, context: context),
            signature: try readSignature(signatureTable, path: "\(path).signature", scope: scope, context: context))
    }

    private func readSignature(
        _ table: TOMLTable, path: String, scope: Scope, context: String
    ) throws(SegmentsConfigError) -> Archetype.Signature {
        try rejectUnknownKeys(
            in: table, allowed: Self.signatureKeys, path: path, scope: scope, context: "\(context) signature")
        let high = try columnList("high", in: table, path: path, scope: scope, context: context)
        let low = try columnList("low", in: table, path: path, scope: scope, context: context)
        guard !(high.isEmpty && low.isEmpty) else {
            throw error(
                .invalidValue, key: "signature", scope: scope, path: path,
                "the signature \(context) is empty; list at least one column under 'high' or 'low'")
        }
        if let both = high.first(where: low.contains) {
            throw error(
                .invalidValue, key: both, scope: scope, path: path,
                "column '\(both)' is in both 'high' and 'low' \(context); keep it in one list")
        }
        return Archetype.Signature(high: high, low: low)
    }

    private func readFallback(_ value: any TOMLValueConvertible) throws(SegmentsConfigError) -> FallbackNaming {
        let scope = Scope.fallback
        let context = "in [fallback]"
        guard let table = value.table else {
            throw error(
                .wrongType, key: "fallback", scope: .root, path: "fallback",
                "'fallback' must be a table; write it as a [fallback] section")
        }
        try rejectUnknownKeys(in: table, allowed: Self.fallbackKeys, path: "fallback", scope: scope, context: context)
        let defaults = FallbackNaming()
        let nameFormat =
            try optionalString("name", in: table, path: "fallback", scope: scope, context: context)
            ?? defaults.nameFormat
        guard nameFormat.contains("{number}") || nameFormat.contains("{id}") else {
            throw error(
                .invalidValue, key: "name", scope: scope, path: "fallback.name",
                "fallback name \"\(nameFormat)\" would give every extra segment the same name; "
                    + "include {number} (segment id + 1) or {id}")
        }
        return FallbackNaming(
            nameFormat: nameFormat,
            description: try optionalString("description", in: table, path: "fallback", scope: scope, context: context)
                ?? defaults.description,
            marketingStrategy: try optionalString(
                "marketing_strategy", in: table, path: "fallback", scope: scope, context: context)
                ?? defaults.marketingStrategy,
            retentionPriority: table["retention_priority"] == nil
                ? defaults.retentionPriority : try priority(in: table, path: "fallback", scope: scope, context: context)
        )
    }

    private func checkNamesAreUnique(_ archetypes: [Archetype]) throws(SegmentsConfigError) {
        var seen: [String: Int] = [:]
        for (index, archetype) in archetypes.enumerated() {
            if let first = seen[archetype.name] {
                throw error(
                    .duplicateName, key: "name", scope: .archetype(index), path: "archetype[\(index)].name",
                    "archetypes #\(first + 1) and #\(index + 1) are both named \"\(archetype.name)\"; "
                        + "names must be unique")
            }
            seen[archetype.name] = index
        }
    }

    // MARK: Values

    private func rejectUnknownKeys(
        in table: TOMLTable, allowed: [String], path: String, scope: Scope, context: String
    ) throws(SegmentsConfigError) {
        guard let unknown = table.keys.first(where: { !allowed.contains($0) }) else { return }
        throw error(
            .unknownKey, key: unknown, scope: scope, path: path.isEmpty ? unknown : "\(path).\(unknown)",
            "unknown key '\(unknown)' \(context); allowed keys: \(allowed.joined(separator: ", ")). "
                + "Fix the spelling or remove it")
    }

    private func requiredString(
        _ key: String, in table: TOMLTable, path: String, scope: Scope, context: String
    ) throws(SegmentsConfigError) -> String {
        guard let value = try optionalString(key, in: table, path: path, scope: scope, context: context) else {
            throw missing(key, scope: scope, path: path, context: context)
        }
        return value
    }

    private func optionalString(
        _ key: String, in table: TOMLTable, path: String, scope: Scope, context: String
    ) throws(SegmentsConfigError) -> String? {
        guard let value = table[key] else { return nil }
        guard let string = value.string else {
            throw error(
                .wrongType, key: key, scope: scope, path: "\(path).\(key)",
                "'\(key)' \(context) must be a string, found \(value.type); put the text in quotes")
        }
        return string
    }

    private func priority(
        in table: TOMLTable, path: String, scope: Scope, context: String
    ) throws(SegmentsConfigError) -> RetentionPriority {
        let text = try requiredString("retention_priority", in: table, path: path, scope: scope, context: context)
        guard let priority = RetentionPriority(rawValue: text) else {
            let allowed = RetentionPriority.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw error(
                .invalidValue, key: "retention_priority", scope: scope, path: "\(path).retention_priority",
                "retention_priority \"\(text)\" \(context) is not allowed; use one of \(allowed)")
        }
        return priority
    }

    private func columnList(
        _ key: String, in table: TOMLTable, path: String, scope: Scope, context: String
    ) throws(SegmentsConfigError) -> [String] {
        guard let value = table[key] else { return [] }
        let strings = value.array?.map { $0.string }
        guard let strings, strings.allSatisfy({ $0 != nil }) else {
            throw error(
                .wrongType, key: key, scope: scope, path: "\(path).\(key)",
                "signature '\(key)' \(context) must be an array of column names, e.g. \(key) = [\"PURCHASES\"]")
        }
        let columns = strings.compactMap { $0 }
        var seen = Set<String>()
        for column in columns where !seen.insert(column).inserted {
            throw error(
                .invalidValue, key: key, scope: scope, path: "\(path).\(key)",
                "column '\(column)' is listed twice in signature '\(key)' \(context); list it once")
        }
        return columns
    }

    // MARK: Errors

    private func missing(_ key: String, scope: Scope, path: String, context: String) -> SegmentsConfigError {
        let position = locator.headerPosition(of: scope)
        return SegmentsConfigError(
            .missingKey, source: source, keyPath: "\(path).\(key)", line: position?.line, column: position?.column,
            message: "missing key '\(key)' \(context); add \(key) = … to this section")
    }

    private func error(
        _ code: SegmentsConfigError.Code, key: String, scope: Scope, path: String, _ message: String
    ) -> SegmentsConfigError {
        let position = locator.position(ofKey: key, in: scope) ?? locator.headerPosition(of: scope)
        return SegmentsConfigError(
            code, source: source, keyPath: path, line: position?.line, column: position?.column, message: message)
    }
}
