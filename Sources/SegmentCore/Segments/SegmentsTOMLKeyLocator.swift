/// Finds, on a best-effort basis, the line where a key of `segments.toml` is written.
///
/// The TOML parser reports positions only for syntax errors, so other errors are located by scanning the text:
/// within the section the key belongs to, the first line whose key part (or table header) has the key as one of
/// its dotted components. Keys inside inline tables or arrays are not found; the error then has no line.
struct SegmentsTOMLKeyLocator {
    /// The part of the document a key belongs to.
    enum Scope: Equatable {
        case root
        case archetype(Int)
        case fallback
    }

    /// A 1-based line and column.
    struct Position: Equatable {
        var line: Int
        var column: Int
    }

    private struct Header {
        var lineIndex: Int
        var path: [String]
        var isArray: Bool
    }

    private let lines: [Substring]
    private let headers: [Header]

    init(text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        self.lines = lines
        self.headers = lines.indices.compactMap { index in
            let trimmed = lines[index].drop { $0 == " " || $0 == "\t" }
            guard trimmed.hasPrefix("[") else { return nil }
            let isArray = trimmed.hasPrefix("[[")
            let body = trimmed.drop { $0 == "[" }.prefix { $0 != "]" }
            return Header(lineIndex: index, path: Self.components(of: body), isArray: isArray)
        }
    }

    /// Where `key` is first written inside `scope`, if it can be found.
    func position(ofKey key: String, in scope: Scope) -> Position? {
        for index in lineRange(of: scope) {
            let line = lines[index]
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            let keyPart: Substring =
                trimmed.hasPrefix("[")
                ? trimmed.drop { $0 == "[" }.prefix { $0 != "]" }
                : trimmed.prefix { $0 != "=" }
            guard !trimmed.hasPrefix("#"), Self.components(of: keyPart).contains(key),
                let range = line.firstRange(of: key)
            else { continue }
            return Position(line: index + 1, column: line.distance(from: line.startIndex, to: range.lowerBound) + 1)
        }
        return nil
    }

    /// The line that opens `scope`, or nil for the root or a section that cannot be found.
    func headerPosition(of scope: Scope) -> Position? {
        guard let header = header(of: scope) else { return nil }
        return Position(line: headers[header].lineIndex + 1, column: 1)
    }

    private func header(of scope: Scope) -> Int? {
        switch scope {
        case .root:
            return nil
        case .archetype(let index):
            let archetypeHeaders = headers.indices.filter { headers[$0].isArray && headers[$0].path == ["archetype"] }
            return index < archetypeHeaders.count ? archetypeHeaders[index] : nil
        case .fallback:
            return headers.firstIndex { !$0.isArray && $0.path == ["fallback"] }
        }
    }

    private func lineRange(of scope: Scope) -> Range<Int> {
        guard let header = header(of: scope) else { return lines.indices }
        let sectionName = headers[header].path
        let end = headers[(header + 1)...].first { next in
            next.isArray || !next.path.starts(with: sectionName) || next.path == sectionName
        }
        return headers[header].lineIndex..<(end?.lineIndex ?? lines.count)
    }

    private static func components(of keyPart: Substring) -> [String] {
        keyPart.split(separator: ".").map { component in
            String(component.filter { $0 != " " && $0 != "\t" && $0 != "\"" && $0 != "'" })
        }
    }
}
