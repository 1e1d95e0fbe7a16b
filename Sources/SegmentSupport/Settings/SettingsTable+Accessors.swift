extension SettingsTable {
    /// The value at `key` as it is, nil when absent, for keys that accept several types. Counts as reading the
    /// whole value, so nothing inside it is reported as unknown.
    package func value(_ key: String) -> SettingsValue? {
        log.record(key, in: path, whole: true)
        return members[key]?.value
    }

    /// The string at `key`, nil when absent.
    package func string(_ key: String) throws(SettingsError) -> String? {
        guard let entry = take(key) else { return nil }
        guard case .string(let text) = entry.value else { throw wrongType(key, expected: "a string") }
        return text
    }

    /// The string at `key`; throws when absent.
    package func requiredString(_ key: String) throws(SettingsError) -> String {
        guard let text = try string(key) else { throw missing(key, expected: "a string") }
        return text
    }

    /// The integer at `key`, nil when absent; with `range`, a value outside it is an error.
    package func integer(_ key: String, in range: ClosedRange<Int>? = nil) throws(SettingsError) -> Int? {
        guard let entry = take(key) else { return nil }
        guard case .integer(let number) = entry.value else { throw wrongType(key, expected: "an integer") }
        if let range, !range.contains(number) {
            throw invalid(
                key, problem: "\(number) is outside \(range.lowerBound)...\(range.upperBound)",
                fix: "use a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    /// The integer at `key`; throws when absent.
    package func requiredInteger(_ key: String, in range: ClosedRange<Int>? = nil) throws(SettingsError) -> Int {
        guard let number = try integer(key, in: range) else { throw missing(key, expected: "an integer") }
        return number
    }

    /// The number at `key` (an integer is accepted too), nil when absent; with `range`, a value outside it (or
    /// NaN) is an error.
    package func number(_ key: String, in range: ClosedRange<Double>? = nil) throws(SettingsError) -> Double? {
        guard let entry = take(key) else { return nil }
        let number: Double
        switch entry.value {
        case .float(let value): number = value
        case .integer(let value): number = Double(value)
        default: throw wrongType(key, expected: "a number")
        }
        if let range, !range.contains(number) {
            throw invalid(
                key, problem: "\(number) is outside \(range.lowerBound)...\(range.upperBound)",
                fix: "use a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    /// The boolean at `key`, nil when absent.
    package func boolean(_ key: String) throws(SettingsError) -> Bool? {
        guard let entry = take(key) else { return nil }
        guard case .boolean(let flag) = entry.value else { throw wrongType(key, expected: "true or false") }
        return flag
    }

    /// The word at `key` as one of `Choice`'s cases, nil when absent; another word is an error listing them.
    package func choice<Choice: RawRepresentable & CaseIterable>(
        _ key: String, as _: Choice.Type = Choice.self
    ) throws(SettingsError) -> Choice? where Choice.RawValue == String {
        let words = Choice.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
        guard let entry = take(key) else { return nil }
        guard case .string(let text) = entry.value else { throw wrongType(key, expected: words) }
        guard let choice = Choice(rawValue: text) else {
            throw invalid(key, problem: "\"\(text)\" is not one of \(words)", fix: "write \(key) = \(words)")
        }
        return choice
    }

    /// The array of strings at `key`, nil when absent.
    package func strings(_ key: String) throws(SettingsError) -> [String]? {
        guard let entry = take(key) else { return nil }
        guard case .array(let elements) = entry.value else { throw wrongType(key, expected: "an array of strings") }
        var result: [String] = []
        for (index, element) in elements.enumerated() {
            guard case .string(let text) = element.value else {
                throw error(
                    .wrongType, "\(keyPath(key))[\(index)]", element,
                    problem: "expected a string, found \(element.value)", fix: "quote every entry, e.g. [\"A\", \"B\"]")
            }
            result.append(text)
        }
        return result
    }

    /// The array of strings at `key`; throws when absent.
    package func requiredStrings(_ key: String) throws(SettingsError) -> [String] {
        guard let list = try strings(key) else { throw missing(key, expected: "an array of strings") }
        return list
    }

    /// The sub-table at `key` (`[key]` or `key = { … }`), nil when absent. Its keys must be read in turn.
    package func table(_ key: String) throws(SettingsError) -> SettingsTable? {
        guard let entry = take(key) else { return nil }
        guard case .table(let members) = entry.value else {
            throw wrongType(key, expected: "a table ([\(keyPath(key))])")
        }
        return subtable(members, at: keyPath(key), entry: entry)
    }

    /// The array of tables at `key` (`[[key]]`, or an array of inline tables) as tables `key[0]`, `key[1]`, …;
    /// nil when absent.
    package func tables(_ key: String) throws(SettingsError) -> [SettingsTable]? {
        guard let entry = take(key) else { return nil }
        let expected = "an array of tables ([[\(keyPath(key))]])"
        guard case .array(let elements) = entry.value else { throw wrongType(key, expected: expected) }
        var result: [SettingsTable] = []
        for (index, element) in elements.enumerated() {
            let elementPath = "\(keyPath(key))[\(index)]"
            guard case .table(let members) = element.value else {
                throw error(
                    .wrongType, elementPath, element, problem: "expected a table, found \(element.value)",
                    fix: "make every element of \(keyPath(key)) a table: [[\(keyPath(key))]] or { key = value }")
            }
            result.append(subtable(members, at: elementPath, entry: element))
        }
        return result
    }

    /// The entry at `key`, recording that it was asked for (present or not).
    private func take(_ key: String) -> Entry? {
        log.record(key, in: path)
        return members[key]
    }
}
