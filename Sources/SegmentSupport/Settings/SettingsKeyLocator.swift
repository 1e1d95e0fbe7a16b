import Foundation
/// Finds the line and column of keys and table headers in TOML text, for settings error messages.
///
/// TOMLKit reports positions only for syntax errors, so this scans the text line by line: it follows
/// `[table]` and `[[array.of.tables]]` headers (numbering repeated headers like `derived[2]`) and records
/// every `key = value` line under its dotted path. Keys inside inline tables are not located;
/// ``nearestPosition(of:)`` then falls back to the enclosing key or table header.
package struct SettingsKeyLocator: Sendable {
    /// Where a key or header sits.
    package struct Position: Sendable, Equatable {
        /// 1-based line.
        package var line: Int
        /// 1-based column of the key (or of the header's `[`).
        package var column: Int
        /// 1-based column where the value starts, for keys.
        package var valueColumn: Int
        /// The line's text from the value to the end of the line.
        package var valueText: Substring
    }

    private var positions: [String: Position] = [:]

    package init(text: String) {
        var scanner = LineScanner()
        var currentTable = ""
        var arrayCounts: [String: Int] = [:]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            guard scanner.isAtTopLevel else {
                scanner.scanValue(line[...])
                continue
            }
            let body = line.drop(while: { $0 == " " || $0 == "\t" })
            let column = line.distance(from: line.startIndex, to: body.startIndex) + 1
            if body.hasPrefix("[[") {
                guard let name = Self.headerName(body.dropFirst(2), closing: "]]") else { continue }
                let parent = Self.resolve(Array(name.dropLast()), counts: arrayCounts)
                let full = Self.join(parent, name.last ?? "")
                let ordinal = arrayCounts[full, default: 0]
                arrayCounts[full] = ordinal + 1
                currentTable = "\(full)[\(ordinal)]"
                positions[currentTable] = Position(
                    line: lineNumber, column: column, valueColumn: column, valueText: body)
            } else if body.hasPrefix("[") {
                guard let name = Self.headerName(body.dropFirst(), closing: "]") else { continue }
                currentTable = Self.resolve(name, counts: arrayCounts)
                positions[currentTable] = Position(
                    line: lineNumber, column: column, valueColumn: column, valueText: body)
            } else if let (key, valueStart) = Self.keyAndValue(body) {
                let valueColumn = line.distance(from: line.startIndex, to: valueStart) + 1
                positions[Self.join(currentTable, key)] = Position(
                    line: lineNumber, column: column, valueColumn: valueColumn, valueText: line[valueStart...])
                scanner.scanValue(line[valueStart...])
            }
        }
    }

    /// The position of a dotted key path such as `kmeans.k` or `categorical[0].rules[1].when`.
    package func position(of keyPath: String) -> Position? {
        positions[keyPath]
    }

    /// The key's own position, else that of the closest enclosing key or table header that was found (a key
    /// inside an inline table or an array points at the key holding it).
    package func nearestPosition(of keyPath: String) -> Position? {
        var path = Substring(keyPath)
        while !path.isEmpty {
            if let position = positions[String(path)] { return position }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            path = path[..<cut]
        }
        return nil
    }

    private static func join(_ parent: String, _ key: String) -> String {
        parent.isEmpty ? key : "\(parent).\(key)"
    }

    /// Turns header components into a path, indexing components that name arrays of tables.
    private static func resolve(_ components: [String], counts: [String: Int]) -> String {
        var path = ""
        for component in components {
            path = join(path, component)
            if let count = counts[path] { path += "[\(count - 1)]" }
        }
        return path
    }

    private static func headerName(_ text: Substring, closing: String) -> [String]? {
        guard let end = text.range(of: closing) else { return nil }
        return dottedKey(text[..<end.lowerBound])
    }

    /// Splits `a . "b c" .d` into `["a", "b c", "d"]`; nil if it is not a key.
    private static func dottedKey(_ text: Substring) -> [String]? {
        var parts: [String] = []
        var rest = text.trimmingSpaces()
        while !rest.isEmpty {
            let part: Substring
            if let quote = rest.first, quote == "\"" || quote == "'" {
                guard let close = rest.dropFirst().firstIndex(of: quote) else { return nil }
                part = rest[rest.index(after: rest.startIndex)..<close]
                rest = rest[rest.index(after: close)...].trimmingSpaces()
            } else {
                let bare = rest.prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
                guard !bare.isEmpty else { return nil }
                part = bare
                rest = rest[bare.endIndex...].trimmingSpaces()
            }
            parts.append(String(part))
            if rest.isEmpty { break }
            guard rest.first == "." else { return nil }
            rest = rest.dropFirst().trimmingSpaces()
        }
        return parts.isEmpty ? nil : parts
    }

    /// For `key = value`, the dotted key and where the value starts.
    private static func keyAndValue(_ body: Substring) -> (String, Substring.Index)? {
        guard let equals = firstUnquotedEquals(body), let key = dottedKey(body[..<equals]) else { return nil }
        let value = body[body.index(after: equals)...].drop(while: { $0 == " " || $0 == "\t" })
        return (key.joined(separator: "."), value.startIndex)
    }

    private static func firstUnquotedEquals(_ text: Substring) -> Substring.Index? {
        var quote: Character?
        for index in text.indices {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "=" {
                return index
            } else if character == "#" {
                return nil
            }
        }
        return nil
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}

/// Tracks multi-line strings and open arrays across lines, so their content is not taken for keys.
private struct LineScanner {
    private var openMultilineQuote: String?
    private var bracketDepth = 0

    var isAtTopLevel: Bool { openMultilineQuote == nil && bracketDepth == 0 }

    mutating func scanValue(_ text: Substring) {
        var rest = text
        while !rest.isEmpty {
            if let quote = openMultilineQuote {
                guard let close = rest.range(of: quote) else { return }
                openMultilineQuote = nil
                rest = rest[close.upperBound...]
                continue
            }
            if rest.hasPrefix("\"\"\"") || rest.hasPrefix("'''") {
                openMultilineQuote = String(rest.prefix(3))
                rest = rest.dropFirst(3)
                continue
            }
            guard let character = rest.first else { return }
            rest = rest.dropFirst()
            switch character {
            case "\"": rest = Self.skipString(rest, quote: "\"", escapes: true)
            case "'": rest = Self.skipString(rest, quote: "'", escapes: false)
            case "[": bracketDepth += 1
            case "]": bracketDepth = Swift.max(0, bracketDepth - 1)
            case "#": return
            default: continue
            }
        }
    }

    private static func skipString(_ text: Substring, quote: Character, escapes: Bool) -> Substring {
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if escapes && character == "\\" {
                index = text.index(index, offsetBy: 2, limitedBy: text.endIndex) ?? text.endIndex
                continue
            }
            if character == quote { return text[text.index(after: index)...] }
            index = text.index(after: index)
        }
        return text[text.endIndex...]
    }
}
