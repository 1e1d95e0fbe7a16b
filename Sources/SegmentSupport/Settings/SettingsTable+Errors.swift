extension SettingsTable {
    /// Rejects every key (in path order) that no reader asked for, each named with its file, line and the closest
    /// key that was asked for at the same place: the first error carries the others (``SettingsError/all``), so
    /// three typos are reported in one run. Call it once every reader has read its keys.
    package func rejectUnreadKeys() throws(SettingsError) {
        if let error = SettingsError.combining(unreadKeyErrors()) { throw error }
    }

    /// One error per key no reader asked for, in path order, nested tables included.
    package func unreadKeyErrors() -> [SettingsError] {
        let asked = log.asked(in: path)
        let valid = path.isEmpty ? asked + removedKeys.filter { !asked.contains($0) } : asked
        var errors: [SettingsError] = []
        for key in keys {
            guard let entry = members[key] else { continue }
            let keyPath = keyPath(key)
            guard asked.contains(key) else {
                errors.append(unknownKey(key, entry, asked: valid))
                continue
            }
            guard !log.isWhole(keyPath) else { continue }
            switch entry.value {
            case .table(let members):
                errors += subtable(members, at: keyPath, entry: entry).unreadKeyErrors()
            case .array(let elements):
                for (index, element) in elements.enumerated() {
                    guard case .table(let members) = element.value else { continue }
                    errors += subtable(members, at: "\(keyPath)[\(index)]", entry: element).unreadKeyErrors()
                }
            default:
                continue
            }
        }
        return errors
    }

    /// `key` holds the right type but an unusable value; `problem` names the value, `fix` says what would do.
    package func invalid(_ key: String, problem: String, fix: String) -> SettingsError {
        error(.invalidValue, keyPath(key), members[key], problem: problem, fix: fix)
    }

    /// A problem with this table as a whole (a rule without a condition, an empty signature…), at its header.
    package func invalidTable(problem: String, fix: String) -> SettingsError {
        SettingsError(
            .invalidValue, file: file, keyPath: path.isEmpty ? nil : path, line: position?.line,
            column: position?.column, problem: problem, fix: fix)
    }

    /// `key` holds a value of another type than `expected`.
    package func wrongType(_ key: String, expected: String) -> SettingsError {
        let found = members[key].map { "\($0.value)" } ?? "nothing"
        return error(
            .wrongType, keyPath(key), members[key], problem: "expected \(expected), found \(found)",
            fix: "give \(keyPath(key)) \(expected)")
    }

    /// The required `key` is absent. When a key nobody asked for looks like a typo of it, that key is reported
    /// instead, as unknown with the suggestion: the likelier mistake.
    package func missing(_ key: String, expected: String) -> SettingsError {
        let unread = keys.filter { !log.asked(in: path).contains($0) }
        if let typo = unread.first(where: { NameSuggestion.closest(to: $0, among: [key]) != nil }),
            let entry = members[typo]
        {
            return unknownKey(typo, entry, asked: [key])
        }
        let place = path.isEmpty ? "at the top level" : "in [\(path)]"
        return SettingsError(
            .missingKey, file: file, keyPath: keyPath(key), line: position?.line, column: position?.column,
            problem: "required key \"\(key)\" is missing \(place)", fix: "add \(key) = <\(expected)>")
    }

    /// An error at `keyPath`, located where `entry` was written (else at this table).
    package func error(
        _ code: SettingsError.Code, _ keyPath: String, _ entry: Entry?, problem: String, fix: String
    ) -> SettingsError {
        let position = entry?.position ?? position
        return SettingsError(
            code, file: entry?.file ?? file, keyPath: keyPath, line: position?.line, column: position?.column,
            problem: problem, fix: fix)
    }

    private func unknownKey(_ key: String, _ entry: Entry, asked: [String]) -> SettingsError {
        let place = path.isEmpty ? "at the top level" : "in [\(path)]"
        var fix = asked.isEmpty ? "remove it" : "remove it or use one of: \(asked.joined(separator: ", "))"
        if let suggestion = NameSuggestion.closest(to: key, among: asked) {
            fix = "did you mean \"\(suggestion)\"? Otherwise " + fix
        }
        return error(.unknownKey, keyPath(key), entry, problem: "unknown key \"\(key)\" \(place)", fix: fix)
    }
}
